using System.Text.Json;
using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Gatehouse.Messaging.Journal;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Audit;

/// <summary>
/// Takes audit events off the response path: <see cref="TryPublish"/> only enqueues in memory (bounded). In the
/// background, events are batched into <see cref="AuditMessage"/>s, journaled to local disk, then sent to the
/// <c>audit-events</c> queue by several senders, retrying while the queue is unreachable (see
/// <see cref="JournaledQueueSender{T}"/>). What is unsent at shutdown or a crash is re-sent by the next start.
/// An event too large for a queue message (a big encrypted body) travels in an overflow blob.
/// </summary>
public sealed partial class AuditPublisher : BackgroundService
{
    public const int Capacity = 10_000;

    /// <summary>A batch is split while its message text, as sent (base64), is larger than this: well under the queue's 64 KiB.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    private readonly JournaledQueueSender<AuditEvent> _sender;
    private readonly ILogger<AuditPublisher> _logger;

    public AuditPublisher(StorageClients storage, IOptions<AuditJournalOptions> options, TimeProvider time, ILogger<AuditPublisher> logger)
    {
        var journal = options.Value;
        _logger = logger;
        _sender = new JournaledQueueSender<AuditEvent>(new JournaledQueue<AuditEvent>
        {
            QueueName = QueueNames.AuditEvents,
            Capacity = Capacity,
            MaxItemsPerMessage = journal.MaxBatchEvents,
            BatchWindow = journal.BatchWindow,
            MaxMessageBytes = MaxMessageBytes,
            Senders = journal.Senders,
            Serialize = (id, events) => JsonSerializer.Serialize(new AuditMessage { Id = id, Events = events }, MessageJson.Options),
            Describe = auditEvent => auditEvent.RequestId,
            OverflowPointer = (id, blob) => JsonSerializer.Serialize(new AuditMessage { Id = id, OverflowBlob = blob }, MessageJson.Options),
        }, storage, JournalSettings.From(journal), time, logger);
    }

    /// <summary>Events not sent: refused because the buffer was full, or because the journal was full.</summary>
    public long Dropped => _sender.Dropped;

    /// <summary>Bytes of unsent audit batches on local disk.</summary>
    public long JournalBytes => _sender.JournalBytes;

    public bool TryPublish(AuditEvent auditEvent)
    {
        if (_sender.TryWrite(auditEvent, out var report))
        {
            return true;
        }

        if (report)
        {
            LogDropped(_logger, auditEvent.RequestId, _sender.BufferDropped);
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
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _sender.RunAsync(stoppingToken);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Audit buffer full; event for request {RequestId} dropped ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string requestId, long dropped);
}
