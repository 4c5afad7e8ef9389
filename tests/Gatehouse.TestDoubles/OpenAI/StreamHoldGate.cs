namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// Parks <c>hold-stream</c> requests until <see cref="ReleaseAll"/>. A request is freed by the first release
/// that happens after it arrived (it takes its ticket on arrival, before writing anything, so a test that
/// releases as soon as it sees the first chunk can never miss it). Requests arriving later are held again.
/// </summary>
internal sealed class StreamHoldGate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _release = NewRelease();
    private int _held;

    public int Held => Volatile.Read(ref _held);

    /// <summary>The signal the next <see cref="ReleaseAll"/> completes; take it when the request arrives.</summary>
    public Task TakeTicket()
    {
        lock (_lock)
        {
            return _release.Task;
        }
    }

    public Task WaitAsync(Task ticket, CancellationToken ct) => HoldAfterAsync(ticket, static () => Task.CompletedTask, ct);

    /// <summary>
    /// Counts the request as held before <paramref name="writeLast"/> sends what precedes the hold, so a client that
    /// has seen that data always finds <see cref="Held"/> above zero; then waits for the release.
    /// </summary>
    public async Task HoldAfterAsync(Task ticket, Func<Task> writeLast, CancellationToken ct)
    {
        Interlocked.Increment(ref _held);
        try
        {
            await writeLast();
            await ticket.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    public void ReleaseAll()
    {
        TaskCompletionSource released;
        lock (_lock)
        {
            released = _release;
            _release = NewRelease();
        }
        released.TrySetResult();
    }

    // Continuations run off the releasing thread so a test calling ReleaseAll never runs request code inline.
    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
