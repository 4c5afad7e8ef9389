using System.Text.Json;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Messaging;

/// <summary>
/// Takes alerts off the request path: <see cref="TryPublish"/> only enqueues in memory (bounded), and a background
/// loop sends each alert as its own message to the <c>alerts</c> queue, retrying while the queue is unreachable and
/// draining what is left on shutdown. Alerts are rare, so one sender is enough, and keeps them in order.
/// </summary>
public sealed partial class AlertPublisher(StorageClients storage, TimeProvider time, ILogger<AlertPublisher> logger) : BackgroundService
{
    public const int Capacity = 10_000;

    private readonly PublishBuffer<AlertMessage> _alerts = new(Capacity);

    /// <summary>Alerts refused because the buffer was full (the queue unreachable for a long time).</summary>
    public long Dropped => _alerts.Dropped;

    public bool TryPublish(AlertMessage alert)
    {
        if (_alerts.TryWrite(alert, out var report))
        {
            return true;
        }

        if (report)
        {
            LogDropped(logger, alert.Id, Dropped);
        }

        return false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _alerts.Complete();
        await base.StopAsync(cancellationToken);
        await ShutdownDrain.IfNeverRanAsync(ExecuteTask, ExecuteAsync);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sender = new QueueSender(storage.Queue(QueueNames.Alerts), time, logger);
        await foreach (var alert in _alerts.Reader.ReadAllAsync(CancellationToken.None))
        {
            var text = JsonSerializer.Serialize(alert, MessageJson.Options);
            await sender.SendAsync(text, $"alert {alert.Id}", stoppingToken);
        }
    }

    [LoggerMessage(EventId = 9301, Level = LogLevel.Warning, Message = "Alert buffer full; alert {AlertId} dropped ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string alertId, long dropped);
}
