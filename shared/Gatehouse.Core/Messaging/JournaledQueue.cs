namespace Gatehouse.Messaging;

/// <summary>What a <see cref="JournaledQueueSender{T}"/> sends where, and how it batches.</summary>
internal sealed class JournaledQueue<T>
{
    public required string QueueName { get; init; }

    /// <summary>Items the in-memory buffer holds before it refuses more.</summary>
    public required int Capacity { get; init; }

    public required int MaxItemsPerMessage { get; init; }

    /// <summary>How long a batch waits for more items after its first.</summary>
    public required TimeSpan BatchWindow { get; init; }

    /// <summary>A batch is split while its message text, base64-encoded as sent, is larger than this.</summary>
    public required int MaxMessageBytes { get; init; }

    /// <summary>Sends in flight at once.</summary>
    public required int Senders { get; init; }

    /// <summary>The message text for a batch: (batch id, items) to JSON.</summary>
    public required Func<string, IReadOnlyList<T>, string> Serialize { get; init; }

    /// <summary>An item's id for logs (a request id); never content.</summary>
    public required Func<T, string> Describe { get; init; }

    /// <summary>
    /// The pointer message for a single item too large for a queue message: (batch id, overflow blob name) to JSON.
    /// Null: such an item is dropped (counted and logged) instead.
    /// </summary>
    public Func<string, string, string>? OverflowPointer { get; init; }
}
