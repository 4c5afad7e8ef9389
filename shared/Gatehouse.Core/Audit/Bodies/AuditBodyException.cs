namespace Gatehouse.Audit.Bodies;

/// <summary>A stored body cannot be encrypted or read back: a key is missing, or the record is malformed or altered. Never carries body text or key bytes.</summary>
public sealed class AuditBodyException : Exception
{
    public AuditBodyException()
    {
    }

    public AuditBodyException(string message)
        : base(message)
    {
    }

    public AuditBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
