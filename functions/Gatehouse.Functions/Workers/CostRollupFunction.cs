using Gatehouse.Messaging;
using Gatehouse.Rollups;

namespace Gatehouse.Workers;

/// <summary>
/// Queue-triggered on <c>usage-events</c>: adds each batch of usage records to the <c>UsageRollups</c> table, once
/// however often the batch is delivered (<see cref="RollupStore"/>), and raises burst and storm alerts.
/// </summary>
internal sealed class CostRollupFunction(RollupStore store) : IQueueMessageHandler<UsageMessage>
{
    public Task HandleAsync(UsageMessage message, QueueMessageContext context, CancellationToken cancellationToken) =>
        message.Records is null
            ? throw new InvalidDataException($"Usage message {context.MessageId} has no records.")
            : store.ApplyAsync(message, cancellationToken);
}
