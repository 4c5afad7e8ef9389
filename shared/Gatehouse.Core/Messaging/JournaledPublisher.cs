using Gatehouse.Configuration;
using Gatehouse.Messaging.Journal;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Messaging;

/// <summary>
/// A publisher that takes items off the request path: <see cref="TryPublish"/> only enqueues in memory (bounded). In
/// the background, items are batched into messages, journaled to local disk, then sent to the queue, retrying while
/// it is unreachable (see <see cref="JournaledQueueSender{T}"/>); what is unsent at shutdown or a crash is re-sent by
/// the next start. The audit, usage and alert publishers differ only in their <see cref="JournaledQueue{T}"/>.
/// </summary>
public abstract partial class JournaledPublisher<T> : BackgroundService
{
    private readonly JournaledQueueSender<T> _sender;
    private readonly Func<T, string> _describe;
    private readonly ILogger _logger;

    private protected JournaledPublisher(JournaledQueue<T> queue, StorageClients storage, AuditJournalOptions journal, TimeProvider time, ILogger logger)
    {
        _sender = new JournaledQueueSender<T>(queue, storage, JournalSettings.From(journal), time, logger);
        _describe = queue.Describe;
        QueueName = queue.QueueName;
        _logger = logger;
    }

    public string QueueName { get; }

    /// <summary>Items not sent: refused because the buffer or the journal was full, or alone too large for a message.</summary>
    public long Dropped => _sender.Dropped;

    /// <summary>Bytes of unsent batches on local disk.</summary>
    public long JournalBytes => _sender.JournalBytes;

    /// <returns>False when the buffer is full (the queue and the journal unable to keep up for a long time).</returns>
    public bool TryPublish(T item)
    {
        if (_sender.TryWrite(item, out var report))
        {
            return true;
        }

        if (report)
        {
            LogDropped(_logger, QueueName, _describe(item), _sender.BufferDropped);
        }

        return false;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _sender.Open();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _sender.Complete();
        await base.StopAsync(cancellationToken);
        await ShutdownDrain.IfNeverRanAsync(ExecuteTask, ExecuteAsync);
    }

    public override void Dispose()
    {
        _sender.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _sender.RunAsync(stoppingToken);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Buffer for queue {Queue} full; item {ItemId} dropped ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string queue, string itemId, long dropped);
}
