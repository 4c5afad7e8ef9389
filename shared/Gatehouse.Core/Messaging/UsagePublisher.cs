using System.Text;
using System.Text.Json;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Messaging;

/// <summary>
/// Takes usage records off the response path: <see cref="TryPublish"/> only enqueues in memory (bounded), and one
/// background loop sends them in batches (<see cref="UsageMessage"/>) to the <c>usage-events</c> queue, retrying while
/// the queue is unreachable and draining what is left on shutdown. A batch closes at <see cref="MaxRecordsPerMessage"/>
/// records or <see cref="BatchWindow"/> after its first record, whichever comes first; batching is what lets one
/// sender keep up (a hundred records per round-trip), where audit events need many senders.
/// </summary>
public sealed partial class UsagePublisher(StorageClients storage, TimeProvider time, ILogger<UsagePublisher> logger) : BackgroundService
{
    public const int Capacity = 10_000;

    public const int MaxRecordsPerMessage = 100;

    /// <summary>
    /// A batch is split while its message text, as sent (base64), is larger than this: well under the queue's 64 KiB,
    /// since a hundred records with long names can come near it.
    /// </summary>
    public const int MaxMessageBytes = 48 * 1024;

    /// <summary>What the queue service accepts; a single record larger than this alone can never be sent.</summary>
    private const int QueueMessageLimitBytes = 64 * 1024;

    /// <summary>How long a batch waits for more records after its first one.</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromSeconds(1);

    private readonly PublishBuffer<UsageRecord> _records = new(Capacity);
    private long _tooLarge;

    /// <summary>Records not sent: refused because the buffer was full, or alone too large for a queue message.</summary>
    public long Dropped => _records.Dropped + Interlocked.Read(ref _tooLarge);

    public bool TryPublish(UsageRecord record)
    {
        if (_records.TryWrite(record, out var report))
        {
            return true;
        }

        if (report)
        {
            LogDropped(logger, record.RequestId, _records.Dropped);
        }

        return false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _records.Complete();
        await base.StopAsync(cancellationToken);
        await ShutdownDrain.IfNeverRanAsync(ExecuteTask, ExecuteAsync);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sender = new QueueSender(storage.Queue(QueueNames.UsageEvents), time, logger);
        while (await NextBatchAsync() is { Length: > 0 } batch)
        {
            await SendAsync(sender, batch, stoppingToken);
        }
    }

    /// <summary>Waits for a first record, then gathers more until the batch is full or its window has passed.</summary>
    /// <returns>Empty once the buffer is completed and drained.</returns>
    private async Task<UsageRecord[]> NextBatchAsync()
    {
        var reader = _records.Reader;
        if (!await reader.WaitToReadAsync(CancellationToken.None))
        {
            return [];
        }

        var batch = new List<UsageRecord>(MaxRecordsPerMessage);
        using var window = new CancellationTokenSource(BatchWindow, time);
        while (batch.Count < MaxRecordsPerMessage)
        {
            if (reader.TryRead(out var record))
            {
                batch.Add(record);
                continue;
            }

            try
            {
                // False once the buffer is completed and empty: on shutdown the batch goes at once.
                if (!await reader.WaitToReadAsync(window.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return [.. batch];
    }

    /// <summary>Sends the batch as one message, or as halves (recursively) while its text is over <see cref="MaxMessageBytes"/>.</summary>
    private async Task SendAsync(QueueSender sender, ArraySegment<UsageRecord> records, CancellationToken stoppingToken)
    {
        var text = JsonSerializer.Serialize(new UsageMessage(Guid.NewGuid().ToString("N"), records), MessageJson.Options);
        var size = EncodedBytes(text);
        if (size > MaxMessageBytes && records.Count > 1)
        {
            var half = records.Count / 2;
            await SendAsync(sender, records[..half], stoppingToken);
            await SendAsync(sender, records[half..], stoppingToken);
            return;
        }

        if (size > QueueMessageLimitBytes)
        {
            Interlocked.Increment(ref _tooLarge);
            LogTooLarge(logger, records[0].RequestId, size);
            return;
        }

        await sender.SendAsync(text, $"{records.Count} usage records from request {records[0].RequestId}", stoppingToken);
    }

    /// <summary>The size of <paramref name="text"/> once base64-encoded for the queue.</summary>
    private static int EncodedBytes(string text) => (Encoding.UTF8.GetByteCount(text) + 2) / 3 * 4;

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "Usage buffer full; record for request {RequestId} dropped ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string requestId, long dropped);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Error, Message = "Usage record for request {RequestId} dropped: {Bytes} bytes is over the queue's message limit")]
    private static partial void LogTooLarge(ILogger logger, string requestId, int bytes);
}
