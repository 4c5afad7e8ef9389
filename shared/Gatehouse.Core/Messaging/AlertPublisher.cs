using System.Text.Json;
using Gatehouse.Configuration;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Messaging;

/// <summary>
/// Alerts to the <c>alerts</c> queue, one <see cref="AlertMessage"/> per message, journaled like audit events so an
/// alert accepted before a crash is still sent. Alerts are rare, so one sender is enough, and keeps them in order.
/// </summary>
public sealed class AlertPublisher(StorageClients storage, IOptions<AuditJournalOptions> options, TimeProvider time, ILogger<AlertPublisher> logger)
    : JournaledPublisher<AlertMessage>(Queue, storage, options.Value, time, logger)
{
    public const int Capacity = 10_000;

    private static JournaledQueue<AlertMessage> Queue => new()
    {
        QueueName = QueueNames.Alerts,
        Capacity = Capacity,
        MaxItemsPerMessage = 1,
        BatchWindow = TimeSpan.FromMilliseconds(1),
        MaxMessageBytes = JournaledQueueSender<AlertMessage>.QueueMessageLimitBytes,
        Senders = 1,

        // The alert itself, not a batch: the batch id is not needed, the alert's own id de-duplicates.
        Serialize = (_, alerts) => JsonSerializer.Serialize(alerts[0], MessageJson.Options),
        Describe = alert => alert.Id,
    };
}
