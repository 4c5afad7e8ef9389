using Gatehouse.Alerts;
using Gatehouse.Messaging;

namespace Gatehouse.Workers;

/// <summary>
/// Queue-triggered on <c>alerts</c>: records the alert (one row per alert id) and posts it to the matching webhooks.
/// When a webhook still fails after its in-process retries, throws, so the queue delivers the alert again later;
/// webhooks that already took it are not posted again.
/// </summary>
internal sealed class AlertFunction(AlertDispatcher dispatcher) : IQueueMessageHandler<AlertMessage>
{
    public async Task HandleAsync(AlertMessage message, QueueMessageContext context, CancellationToken cancellationToken)
    {
        var failed = await dispatcher.DispatchAsync(message, maxAttempts: null, cancellationToken);
        if (failed.Count > 0)
        {
            throw new AlertNotDeliveredException(message.Id, failed.Select(f => f.Webhook));
        }
    }
}
