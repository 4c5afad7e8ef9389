using System.Threading.Channels;

namespace Gatehouse.Messaging;

/// <summary>Gathers a batch from a publisher's buffer: waits for a first item, then takes more until full or the window closes.</summary>
internal static class BatchCollector
{
    /// <returns>Empty once the buffer is completed and drained.</returns>
    public static async Task<T[]> NextAsync<T>(ChannelReader<T> reader, int maxItems, TimeSpan window, TimeProvider time)
    {
        if (!await reader.WaitToReadAsync(CancellationToken.None))
        {
            return [];
        }

        var batch = new List<T>(Math.Min(maxItems, 128));
        using var closes = new CancellationTokenSource(window, time);
        while (batch.Count < maxItems)
        {
            if (reader.TryRead(out var item))
            {
                batch.Add(item);
                continue;
            }

            try
            {
                // False once the buffer is completed and empty: on shutdown the batch goes at once.
                if (!await reader.WaitToReadAsync(closes.Token))
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
}
