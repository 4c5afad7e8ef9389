namespace Gatehouse.Storage;

/// <summary>Blob container names (lowercase-hyphen). Operators read these directly; keep them stable.</summary>
public static class BlobContainerNames
{
    /// <summary>Queue messages over the queue's 64 KiB limit; the message carries a pointer instead.</summary>
    public const string QueueOverflow = "queue-overflow";

    /// <summary>Encrypted prompt and response bodies too large for a table property.</summary>
    public const string AuditBodies = "audit-bodies";

    public static IReadOnlyList<string> All { get; } = [QueueOverflow, AuditBodies];
}
