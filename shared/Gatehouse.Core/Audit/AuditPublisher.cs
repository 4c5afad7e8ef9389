using System.Text.Json;
using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Audit;

/// <summary>
/// Audit events to the <c>audit-events</c> queue: batched into <see cref="AuditMessage"/>s, journaled, sent by several
/// senders (one round-trip per message caps a single sender). An event too large for a queue message (a big encrypted
/// body) travels in an overflow blob.
/// </summary>
public sealed class AuditPublisher(StorageClients storage, IOptions<AuditJournalOptions> options, TimeProvider time, ILogger<AuditPublisher> logger)
    : JournaledPublisher<AuditEvent>(Queue(options.Value), storage, options.Value, time, logger)
{
    public const int Capacity = 10_000;

    /// <summary>A batch is split while its message text, as sent (base64), is larger than this: well under the queue's 64 KiB.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    private static JournaledQueue<AuditEvent> Queue(AuditJournalOptions journal) => new()
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
    };
}
