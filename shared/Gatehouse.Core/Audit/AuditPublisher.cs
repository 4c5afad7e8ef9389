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
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly Channel<AuditEvent> _events = Channel.CreateBounded<AuditEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    /// <summary>Events refused because the buffer was full (the queue unreachable for a long time).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool TryPublish(AuditEvent auditEvent)
    {
        if (_events.Writer.TryWrite(auditEvent))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        LogDropped(logger, auditEvent.RequestId);
        return false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _events.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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
                catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or IOException)
                {
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

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Audit buffer full; event for request {RequestId} dropped")]
    private static partial void LogDropped(ILogger logger, string requestId);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Audit queue send failed for request {RequestId}, retrying: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string requestId, string reason);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Error, Message = "Audit event for request {RequestId} not sent before shutdown")]
    private static partial void LogLostOnShutdown(ILogger logger, string requestId);
}
