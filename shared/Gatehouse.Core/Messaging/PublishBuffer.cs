using System.Threading.Channels;

namespace Gatehouse.Messaging;

/// <summary>
/// The bounded in-memory hand-off between the response path and a publisher's background sender: writing never
/// blocks, and what does not fit is counted rather than queued without limit.
/// </summary>
internal sealed class PublishBuffer<T>(int capacity)
{
    private readonly Channel<T> _items = Channel.CreateBounded<T>(
        new BoundedChannelOptions(capacity) { SingleReader = false, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    public ChannelReader<T> Reader => _items.Reader;

    /// <summary>Items refused because the buffer was full (the queue unreachable for a long time).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <returns>False when the buffer is full (or completed); then <paramref name="report"/> is true on the first drop and
    /// every thousandth after it, so an overload does not also flood the log.</returns>
    public bool TryWrite(T item, out bool report)
    {
        if (_items.Writer.TryWrite(item))
        {
            report = false;
            return true;
        }

        report = Interlocked.Increment(ref _dropped) % 1000 == 1;
        return false;
    }

    /// <summary>No more writes: readers finish once they have taken what is left (the drain on shutdown).</summary>
    public void Complete() => _items.Writer.TryComplete();
}
