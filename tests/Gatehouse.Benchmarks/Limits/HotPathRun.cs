using System.Diagnostics;
using Gatehouse.Limits;

namespace Gatehouse.Benchmarks.Limits;

/// <summary>
/// The limiter's own cost per request while it decides from leased allowance: dedicated threads call
/// <see cref="RateLimiter.AcquireAsync"/> back to back, first untimed (mean and allocation), then timing each call
/// (percentiles). Dedicated threads, so per-thread allocation counts are exact.
/// </summary>
public static class HotPathRun
{
    /// <summary>As the proxy checks a key with rpm and rpd and its tenant with rpm, with limits never reached.</summary>
    public static LimitCheck[] ChecksFor(string key, string tenant) =>
    [
        new("key", $"key:{key}", "rpm", LimitPeriod.Minute, RateLimits.Max, 1),
        new("key", $"key:{key}", "rpd", LimitPeriod.Day, RateLimits.Max, 1),
        new("tenant", $"tenant:{tenant}", "rpm", LimitPeriod.Minute, RateLimits.Max, 1),
    ];

    /// <summary>One thread per entry of <paramref name="checksPerThread"/>, each making <paramref name="requests"/> calls per pass.</summary>
    public static HotPathResult Run(RateLimiter limiter, IReadOnlyList<LimitCheck[]> checksPerThread, int requests, StorageOperationCounter storage)
    {
        var before = storage.Snapshot();
        var passes = new ThreadPass[checksPerThread.Count];
        using var together = new Barrier(checksPerThread.Count);
        var threads = checksPerThread.Select((checks, i) => new Thread(() => passes[i] = Measure(limiter, checks, requests, together))).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        var total = (double)requests * passes.Length;
        var latencies = passes.SelectMany(pass => pass.Latencies).Order().ToArray();
        return new HotPathResult(
            Threads: passes.Length,
            Requests: (long)total * 2,
            MeanNs: Nanoseconds(passes.Sum(pass => pass.Elapsed)) / total,
            RequestsPerSecond: total / Stopwatch.GetElapsedTime(0, passes.Max(pass => pass.Elapsed)).TotalSeconds,
            P50Ns: Nanoseconds(latencies[latencies.Length / 2]),
            P99Ns: Nanoseconds(latencies[(int)(latencies.Length * 0.99)]),
            BytesPerRequest: passes.Sum(pass => pass.Allocated) / total,
            Refused: passes.Sum(pass => pass.Refused),
            Storage: storage.Snapshot().Since(before));
    }

    /// <summary>What one clock read adds to each timed call (the median of back-to-back reads).</summary>
    public static double TimerOverheadNs()
    {
        var gaps = new long[10_000];
        for (var i = 0; i < gaps.Length; i++)
        {
            var first = Stopwatch.GetTimestamp();
            gaps[i] = Stopwatch.GetTimestamp() - first;
        }

        Array.Sort(gaps);
        return Nanoseconds(gaps[gaps.Length / 2]);
    }

    private static ThreadPass Measure(RateLimiter limiter, LimitCheck[] checks, int requests, Barrier together)
    {
        var latencies = new long[requests];
        var refused = 0;
        together.SignalAndWait();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < requests; i++)
        {
            refused += Admit(limiter, checks) ? 0 : 1;
        }

        var elapsed = Stopwatch.GetTimestamp() - started;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        together.SignalAndWait();
        for (var i = 0; i < requests; i++)
        {
            var callStarted = Stopwatch.GetTimestamp();
            refused += Admit(limiter, checks) ? 0 : 1;
            latencies[i] = Stopwatch.GetTimestamp() - callStarted;
        }

        return new ThreadPass(elapsed, allocated, latencies, refused);
    }

    /// <summary>A call that has to wait for storage (a first lease, a new window) blocks this thread until it is done.</summary>
    private static bool Admit(RateLimiter limiter, LimitCheck[] checks)
    {
        var pending = limiter.AcquireAsync(checks, CancellationToken.None);
        return (pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult()).Admitted;
    }

    private static double Nanoseconds(long ticks) => ticks * 1e9 / Stopwatch.Frequency;

    private sealed record ThreadPass(long Elapsed, long Allocated, long[] Latencies, int Refused);
}
