namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>Counts requests the client abandoned mid-way and lets tests wait for that to happen.</summary>
internal sealed class AbortMonitor
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = NewSignal();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Record()
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            _count++;
            signal = _next;
            _next = NewSignal();
        }
        signal.TrySetResult();
    }

    public async Task<bool> WaitForCountAsync(int count, TimeSpan timeout)
    {
        // Real time on purpose: a test's fake clock must not turn this wait into a hang.
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        while (true)
        {
            Task next;
            lock (_lock)
            {
                if (_count >= count)
                    return true;
                next = _next.Task;
            }

            var remaining = timeout - clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
                return false;
            try
            {
                await next.WaitAsync(remaining, clock);
            }
            catch (TimeoutException)
            {
                return Count >= count;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
