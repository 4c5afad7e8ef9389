using System.Text.Json;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Audit;

/// <summary>
/// Takes audit events off the response path: <see cref="TryPublish"/> only enqueues in memory (bounded), and a
/// background loop sends them to the <c>audit-events</c> queue, retrying while the queue is unreachable and
/// draining what is left on shutdown.
/// </summary>
public sealed partial class AuditPublisher(StorageClients storage, TimeProvider time, ILogger<AuditPublisher> logger) : BackgroundService
{
    public const int Capacity = 10_000;

    /// <summary>Queue sends in flight at once: one send takes a network round-trip, so one sender caps throughput.</summary>
    public const int Senders = 16;

    private readonly PublishBuffer<AuditEvent> _events = new(Capacity);

    /// <summary>Events refused because the buffer was full (the queue unreachable for a long time).</summary>
    public long Dropped => _events.Dropped;

    public bool TryPublish(AuditEvent auditEvent)
    {
        if (_events.TryWrite(auditEvent, out var report))
        {
            return true;
        }

        if (report)
        {
            LogDropped(logger, auditEvent.RequestId, Dropped);
        }

        return false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _events.Complete();
        await base.StopAsync(cancellationToken);
        await ShutdownDrain.IfNeverRanAsync(ExecuteTask, ExecuteAsync);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sender = new QueueSender(storage.Queue(QueueNames.AuditEvents), time, logger);
        return Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendLoopAsync(sender, stoppingToken)));
    }

    private async Task SendLoopAsync(QueueSender sender, CancellationToken stoppingToken)
    {
        await foreach (var auditEvent in _events.Reader.ReadAllAsync(CancellationToken.None))
        {
            var text = JsonSerializer.Serialize(new AuditMessage { Id = Guid.NewGuid().ToString("N"), Events = [auditEvent] }, MessageJson.Options);
            await sender.SendAsync(text, $"audit event of request {auditEvent.RequestId}", stoppingToken);
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Audit buffer full; event for request {RequestId} dropped ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string requestId, long dropped);
}
