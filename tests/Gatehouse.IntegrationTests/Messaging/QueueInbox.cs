using System.Text;
using Azure.Storage.Queues;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Messaging;

/// <summary>
/// Reads a queue that other tests publish to at the same time: takes (and deletes) only the messages carrying this
/// test's marker, and leaves the rest to reappear shortly. Reads the raw text, so the test sees the encoding the
/// Functions queue trigger will see.
/// </summary>
public sealed class QueueInbox(string queueName, string marker)
{
    private static readonly TimeSpan OthersHiddenFor = TimeSpan.FromSeconds(2);

    // No MessageEncoding: the text comes back exactly as stored.
    private readonly QueueClient _queue = new(TestStorage.ConnectionString, queueName);
    private readonly List<ReceivedText> _mine = [];

    /// <summary>This test's messages taken so far, in the order they were read.</summary>
    public IReadOnlyList<ReceivedText> Mine => _mine;

    /// <summary>One pass over the messages visible now; throws if one of them is not base64.</summary>
    public async Task ReadAsync()
    {
        var seen = new HashSet<string>();
        while (true)
        {
            var batch = (await _queue.ReceiveMessagesAsync(32, OthersHiddenFor)).Value;
            // A message seen twice in one pass means the pass went round the whole queue.
            if (batch.Length == 0 || !batch.All(message => seen.Add(message.MessageId)))
            {
                return;
            }

            foreach (var message in batch)
            {
                var raw = message.Body.ToString();
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(raw));
                if (text.Contains(marker, StringComparison.Ordinal))
                {
                    _mine.Add(new ReceivedText(raw, text));
                    await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }
        }
    }

    /// <summary>Reads until <paramref name="done"/> holds for what was taken, within a bound.</summary>
    public Task<bool> ReadUntilAsync(Func<IReadOnlyList<ReceivedText>, bool> done, TimeSpan? bound = null) =>
        Eventually.TrueAsync(async () =>
        {
            await ReadAsync();
            return done(_mine);
        }, bound ?? TimeSpan.FromSeconds(20));
}

/// <param name="Raw">The message as stored (base64).</param>
/// <param name="Text">The decoded JSON.</param>
public sealed record ReceivedText(string Raw, string Text);
