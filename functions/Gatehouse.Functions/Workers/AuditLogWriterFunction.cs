using Gatehouse.Audit;
using Gatehouse.Messaging;

namespace Gatehouse.Workers;

/// <summary>Queue-triggered on <c>audit-events</c>: stores each event in the <c>AuditLog</c> table (idempotent by request id).</summary>
internal sealed class AuditLogWriterFunction(AuditLogStore store) : IQueueMessageHandler<AuditEvent>
{
    public Task HandleAsync(AuditEvent message, QueueMessageContext context, CancellationToken cancellationToken) =>
        store.WriteAsync(message, cancellationToken);
}
