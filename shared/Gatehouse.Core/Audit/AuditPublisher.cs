using System.Text.Json;
using System.Threading.Channels;
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
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly Channel<AuditEvent> _events = Channel.CreateBounded<AuditEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = false, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    /// <summary>Events refused because the buffer was full (the queue unreachable for a long time).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool TryPublish(AuditEvent auditEvent)
    {
        if (_events.Writer.TryWrite(auditEvent))
        {
            return true;
        }

        // Logged on the first drop and every thousandth after it, so an overload does not also flood the log.
        if (Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            LogDropped(logger, auditEvent.RequestId, Dropped);
        }

        return false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _events.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendLoopAsync(stoppingToken)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        var queue = storage.Queue(QueueNames.AuditEvents);
        await foreach (var auditEvent in _events.Reader.ReadAllAsync(CancellationToken.None))
        {
            var text = JsonSerializer.Serialize(auditEvent, MessageJson.Options);
            var backoff = TimeSpan.FromMilliseconds(200);
            while (true)
            {
                try
                {
                    await queue.SendMessageAsync(text, CancellationToken.None);
                    break;
                }
                catch (Exception e)
                {
                    // Any failure (service errors, timeouts, a broken connection) is retried: this loop must never die,
                    // or the host would stop with it.
                    if (stoppingToken.IsCancellationRequested)
                    {
                        LogLostOnShutdown(logger, auditEvent.RequestId);
                        break;
                    }

                    LogSendFailed(logger, auditEvent.RequestId, e.Message);
                    await Task.Delay(backoff, time, CancellationToken.None);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Audit buffer full; event for request {RequestId} dropped ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string requestId, long dropped);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Audit queue send failed for request {RequestId}, retrying: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string requestId, string reason);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Error, Message = "Audit event for request {RequestId} not sent before shutdown")]
    private static partial void LogLostOnShutdown(ILogger logger, string requestId);
}
