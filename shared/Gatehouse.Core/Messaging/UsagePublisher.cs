using System.Text.Json;
using Gatehouse.Configuration;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Messaging;

/// <summary>
/// Usage records to the <c>usage-events</c> queue, batched into <see cref="UsageMessage"/>s and journaled. A batch
/// closes at <see cref="MaxRecordsPerMessage"/> records or <see cref="BatchWindow"/> after its first record, whichever
/// comes first. Records are ids and figures, so one never needs an overflow blob: a record alone over the queue's
/// limit is dropped and counted.
/// </summary>
public sealed class UsagePublisher(StorageClients storage, IOptions<AuditJournalOptions> options, TimeProvider time, ILogger<UsagePublisher> logger)
    : JournaledPublisher<UsageRecord>(Queue, storage, options.Value, time, logger)
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

    private static JournaledQueue<UsageRecord> Queue => new()
    {
        QueueName = QueueNames.UsageEvents,
        Capacity = Capacity,
        MaxItemsPerMessage = MaxRecordsPerMessage,
        BatchWindow = BatchWindow,
        MaxMessageBytes = MaxMessageBytes,
        Senders = Senders,
        Serialize = (id, records) => JsonSerializer.Serialize(new UsageMessage(id, records), MessageJson.Options),
        Describe = record => record.RequestId,
    };
}
