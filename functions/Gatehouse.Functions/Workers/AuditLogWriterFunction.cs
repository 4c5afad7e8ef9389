using System.Text.Json;
using Gatehouse.Audit;
using Gatehouse.Messaging;

namespace Gatehouse.Workers;

/// <summary>
/// Queue-triggered on <c>audit-events</c>: stores each event of the batch in the <c>AuditLog</c> table (idempotent by
/// request id). A batch too large for a queue message arrives as a pointer to its overflow blob, which is read (and
/// kept: a redelivered pointer must still find it).
/// </summary>
internal sealed class AuditLogWriterFunction(AuditLogStore store, QueueOverflow overflow) : IQueueMessageHandler<AuditMessage>
{
    public async Task HandleAsync(AuditMessage message, QueueMessageContext context, CancellationToken cancellationToken)
    {
        var events = message.Events ?? (message.OverflowBlob is { } blob
            ? await ReadOverflowAsync(message.Id, blob, cancellationToken)
            : throw new InvalidDataException($"Audit message {message.Id} has neither events nor an overflow blob."));
        await store.WriteAsync(events, cancellationToken);
    }

    private async Task<IReadOnlyList<AuditEvent>> ReadOverflowAsync(string id, string blob, CancellationToken cancellationToken)
    {
        var text = await overflow.DownloadAsync(QueueNames.AuditEvents, blob, cancellationToken);
        var stored = JsonSerializer.Deserialize<AuditMessage>(text, MessageJson.Options);
        return stored is { Events: { } events } && stored.Id == id
            ? events
            : throw new InvalidDataException($"Overflow blob {blob} does not hold the events of audit message {id}.");
    }
}
