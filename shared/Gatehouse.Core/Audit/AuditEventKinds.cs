namespace Gatehouse.Audit;

public static class AuditEventKinds
{
    public const string Request = "request";
    public const string Admin = "admin";
}
