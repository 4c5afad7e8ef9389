using Gatehouse.Messaging;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Alerts;

/// <summary>
/// Turns an alert into its record and its webhook posts: inserts the row if absent, posts to every matching webhook
/// the row does not already show as delivered (in parallel), then records each outcome. So a redelivered alert never
/// reaches a webhook twice, and one webhook being down does not hold the others back.
/// </summary>
public sealed partial class AlertDispatcher(AlertStore store, WebhookTargets webhooks, WebhookSender sender, ILogger<AlertDispatcher> logger)
{
    /// <param name="maxAttempts">Per webhook; null = as configured.</param>
    /// <returns>The webhooks still not delivered to; empty when every matching webhook has the alert.</returns>
    public async Task<IReadOnlyList<WebhookDelivery>> DispatchAsync(AlertMessage alert, int? maxAttempts, CancellationToken cancellationToken)
    {
        var (row, created) = await store.AddIfAbsentAsync(alert, cancellationToken);
        if (created)
        {
            LogRecorded(logger, alert.Id, alert.Kind);
        }

        var delivered = AlertDeliveryState.Parse(row.Deliveries).Where(s => s.Value.DeliveredAt is not null).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var pending = webhooks.For(alert.Kind).Where(t => !delivered.Contains(t.Name)).ToList();
        if (pending.Count == 0)
        {
            return [];
        }

        var outcomes = await Task.WhenAll(pending.Select(t => sender.SendAsync(t, alert, maxAttempts, cancellationToken)));
        // Not cancellable: once a webhook has taken the alert, failing to say so would post it again on redelivery.
        await store.RecordAsync(alert, outcomes, CancellationToken.None);
        return [.. outcomes.Where(o => !o.Delivered)];
    }

    [LoggerMessage(EventId = 9411, Level = LogLevel.Information, Message = "Alert {AlertId} ({Kind}) recorded")]
    private static partial void LogRecorded(ILogger logger, string alertId, string kind);
}
