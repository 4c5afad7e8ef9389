namespace Gatehouse.Audit;

/// <summary>
/// One <c>audit-events</c> queue message: a batch of events, so a busy gateway sends few messages. When the batch
/// would not fit in a queue message, <see cref="Events"/> is null and <see cref="OverflowBlob"/> names the blob (in
/// <see cref="Storage.BlobContainerNames.QueueOverflow"/>) that holds this same message with its events.
/// </summary>
public sealed record AuditMessage
{
    /// <summary>Unique per batch, stable across re-sends (a journal replay sends the same id again).</summary>
    public required string Id { get; init; }

    public IReadOnlyList<AuditEvent>? Events { get; init; }

    public string? OverflowBlob { get; init; }
}
