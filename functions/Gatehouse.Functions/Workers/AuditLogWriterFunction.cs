using Gatehouse.Audit;
using Gatehouse.Messaging;

namespace Gatehouse.Workers;

/// <summary>Queue-triggered on <c>audit-events</c>: stores each event of the batch in the <c>AuditLog</c> table (idempotent by request id).</summary>
internal sealed class AuditLogWriterFunction(AuditLogStore store) : IQueueMessageHandler<AuditMessage>
{
    public Task HandleAsync(AuditMessage message, QueueMessageContext context, CancellationToken cancellationToken) =>
        message.Events is { } events
            ? store.WriteAsync(events, cancellationToken)
            : throw new InvalidDataException($"Audit message {message.Id} has no events (overflow blobs are not read yet).");
}
