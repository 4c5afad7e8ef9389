namespace Gatehouse.Workers;

/// <summary>Function names: the folders under FunctionDefinitions/ and the custom-handler routes <c>POST /{name}</c>.</summary>
public static class FunctionNames
{
    public const string Proxy = "Proxy";
    public const string Admin = "Admin";
    public const string Health = "Health";
    public const string AuditLogWriter = "AuditLogWriter";
    public const string CostRollup = "CostRollup";
    public const string Alerts = "Alerts";
}
