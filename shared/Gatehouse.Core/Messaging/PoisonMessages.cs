using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Gatehouse.Storage;

namespace Gatehouse.Messaging;

/// <summary>
/// Reads and replays a worker queue's <c>-poison</c> queue. Replay sends a message back to the main queue first and
/// only then deletes it from the poison queue, so a crash in between duplicates a message rather than losing it (the
/// workers are idempotent). Messages are moved as stored, byte for byte.
/// </summary>
public sealed class PoisonMessages(StorageClients storage)
{
    /// <summary>One peek returns at most 32 messages; the listing also gives the queue's approximate count.</summary>
    public const int MaxListed = 32;

    /// <summary>One replay call moves at most this many, so a message that fails again at once cannot keep it going.</summary>
    public const int MaxReplayed = 5_000;

    /// <summary>How long a message being looked at stays hidden from other readers; those not replayed are shown again at the end.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>The queues that have workers (and so poison queues): <c>audit-events</c>, <c>usage-events</c>, <c>alerts</c>.</summary>
    public static IReadOnlyList<string> WorkerQueues { get; } = [QueueNames.AuditEvents, QueueNames.UsageEvents, QueueNames.Alerts];

    public static bool IsWorkerQueue(string queue) => WorkerQueues.Contains(queue);

    public async Task<(int ApproximateCount, IReadOnlyList<PoisonMessageInfo> Messages)> PeekAsync(string queue, CancellationToken cancellationToken)
    {
        var poison = storage.Queue(QueueNames.Poison(queue));
        if (!await poison.ExistsAsync(cancellationToken))
        {
            return (0, []);
        }

        QueueProperties properties = await poison.GetPropertiesAsync(cancellationToken);
        PeekedMessage[] peeked = await poison.PeekMessagesAsync(MaxListed, cancellationToken);
        return (properties.ApproximateMessagesCount,
            [.. peeked.Select(m => new PoisonMessageInfo(m.MessageId, m.InsertedOn, m.DequeueCount, m.Body.ToMemory().Length))]);
    }

    /// <summary>Moves every poison message of <paramref name="queue"/> (or only <paramref name="messageId"/>) back to it; returns how many.</summary>
    public async Task<int> ReplayAsync(string queue, string? messageId, CancellationToken cancellationToken)
    {
        var main = storage.Queue(queue);
        var poison = storage.Queue(QueueNames.Poison(queue));
        if (!await poison.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        await main.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var passedOver = new List<QueueMessage>();
        var replayed = 0;
        try
        {
            while (replayed < MaxReplayed)
            {
                QueueMessage[] batch = await poison.ReceiveMessagesAsync(MaxListed, Lease, cancellationToken);
                var fresh = batch.Where(m => seen.Add(m.MessageId)).ToList();
                if (fresh.Count == 0)
                {
                    break; // empty, or round the whole queue once
                }

                foreach (var message in fresh)
                {
                    if (messageId is not null && message.MessageId != messageId)
                    {
                        passedOver.Add(message);
                        continue;
                    }

                    await main.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                    await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    replayed++;
                }

                if (messageId is not null && replayed > 0)
                {
                    break;
                }
            }
        }
        finally
        {
            // Shown again now rather than after the lease; on a crash they come back when it ends.
            foreach (var message in passedOver)
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
        }

        return replayed;
    }
}
