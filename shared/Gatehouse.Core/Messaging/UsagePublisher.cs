using System.Text.Json;
using Gatehouse.Configuration;
using Gatehouse.Messaging.Journal;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Messaging;

/// <summary>
/// Takes usage records off the response path: <see cref="TryPublish"/> only enqueues in memory (bounded). In the
/// background, records are batched into <see cref="UsageMessage"/>s, journaled to local disk, then sent to the
/// <c>usage-events</c> queue, retrying while the queue is unreachable (see <see cref="JournaledQueueSender{T}"/>);
/// what is unsent at shutdown or a crash is re-sent by the next start. A batch closes at
/// <see cref="MaxRecordsPerMessage"/> records or <see cref="BatchWindow"/> after its first record, whichever comes
/// first. Records are ids and figures, so one never needs an overflow blob: a record alone over the queue's limit is
/// dropped and counted.
/// </summary>
public sealed partial class UsagePublisher : BackgroundService
{
    public const int Capacity = 10_000;

    public const int MaxRecordsPerMessage = 100;

    /// <summary>
    /// A batch is split while its message text, as sent (base64), is larger than this: well under the queue's 64 KiB,
    /// since a hundred records with long names can come near it.
    /// </summary>
    public const int MaxMessageBytes = 48 * 1024;

    /// <summary>Sends in flight at once: a hundred records per round-trip, so a few are plenty.</summary>
    public const int Senders = 2;

    /// <summary>How long a batch waits for more records after its first one.</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromSeconds(1);

    private readonly JournaledQueueSender<UsageRecord> _sender;
    private readonly ILogger<UsagePublisher> _logger;

    public UsagePublisher(StorageClients storage, IOptions<AuditJournalOptions> options, TimeProvider time, ILogger<UsagePublisher> logger)
    {
        _logger = logger;
        _sender = new JournaledQueueSender<UsageRecord>(new JournaledQueue<UsageRecord>
        {
            QueueName = QueueNames.UsageEvents,
            Capacity = Capacity,
            MaxItemsPerMessage = MaxRecordsPerMessage,
            BatchWindow = BatchWindow,
            MaxMessageBytes = MaxMessageBytes,
            Senders = Senders,
            Serialize = (id, records) => JsonSerializer.Serialize(new UsageMessage(id, records), MessageJson.Options),
            Describe = record => record.RequestId,
        }, storage, JournalSettings.From(options.Value), time, logger);
    }

    /// <summary>Records not sent: refused because the buffer or the journal was full, or alone too large for a queue message.</summary>
    public long Dropped => _sender.Dropped;

    public bool TryPublish(UsageRecord record)
    {
        if (_sender.TryWrite(record, out var report))
        {
            return true;
        }

        if (report)
        {
            LogDropped(_logger, record.RequestId, _sender.BufferDropped);
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

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "Usage buffer full; record for request {RequestId} dropped ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string requestId, long dropped);
}
