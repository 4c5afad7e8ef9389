namespace Gatehouse.Audit.Bodies;

/// <summary>Whether prompts and responses are stored with the audit record, and how.</summary>
public enum AuditBodyMode
{
    /// <summary>Not stored (the default): nothing is captured, so it costs nothing.</summary>
    Off,

    /// <summary>Stored with personal data and secrets replaced by <c>[REDACTED_TYPE]</c>.</summary>
    Redacted,

    /// <summary>Stored as sent and received.</summary>
    Full,
}

/// <summary>The mode names as <see cref="AuditBody.Mode"/> records them.</summary>
public static class AuditBodyModes
{
    public const string Redacted = "redacted";
    public const string Full = "full";

    public static string Name(AuditBodyMode mode) => mode switch
    {
        AuditBodyMode.Redacted => Redacted,
        AuditBodyMode.Full => Full,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "An off body is never stored."),
    };
}
