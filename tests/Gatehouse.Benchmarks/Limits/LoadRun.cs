using System.Diagnostics;
using Gatehouse.Limits;

namespace Gatehouse.Benchmarks.Limits;

/// <summary>
/// Several instances on one storage account under many keys: concurrent workers send each request for a random key
/// to a random instance, for a fixed time, either paced to a total rate or as fast as they go.
/// </summary>
public sealed class LoadRun(IReadOnlyList<RateLimiter> instances, LoadShape shape, StorageOperationCounter storage)
{
    /// <param name="rate">Requests per second in all; 0 for as fast as the workers go.</param>
    public async Task<LoadResult> RunAsync(string phase, TimeSpan duration, double rate, int workers)
    {
        // Names of their own per phase, so that each phase starts from fresh windows and pays its own first leases.
        var tenant = $"bench-{phase}-{Guid.NewGuid():N}";
        var checksByKey = Enumerable.Range(0, shape.Keys).Select(key => new LimitCheck[]
        {
            new("key", $"key:{tenant}-{key}", "rpm", LimitPeriod.Minute, shape.KeyRpm, 1),
            new("tenant", $"tenant:{tenant}", "rpm", LimitPeriod.Minute, shape.TenantRpm, 1),
        }).ToArray();

        var before = storage.Snapshot();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var interval = rate > 0 ? workers * Stopwatch.Frequency / rate : 0; // ticks between one worker's requests
        var tallies = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() =>
            WorkAsync(worker, checksByKey, started + (long)(interval * worker / workers), interval, deadline))));
        var elapsed = Stopwatch.GetElapsedTime(started);

        return new LoadResult(phase, elapsed, tallies.Sum(t => t.Admitted), tallies.Sum(t => t.Refused), tallies.Sum(t => t.Unavailable),
            MostInOneWindow(tallies.SelectMany(t => t.ByKeyWindow)), MostInOneWindow(tallies.SelectMany(t => t.ByTenantWindow)),
            storage.Snapshot().Since(before));
    }

    private async Task<WorkerTally> WorkAsync(int worker, LimitCheck[][] checksByKey, long firstDue, double interval, long deadline)
    {
        var random = new Random(worker); // seeded: the same keys and instances in the same order on every run
        var tally = new WorkerTally();
        for (var i = 0L; Stopwatch.GetTimestamp() < deadline; i++)
        {
            if (interval > 0)
            {
                var due = firstDue + (long)(i * interval);
                if (due > Stopwatch.GetTimestamp())
                {
                    await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due));
                }
            }
            else if (i % 32 == 0)
            {
                await Task.Yield(); // let the leases' storage replies run between bursts of requests that need none
            }

            var key = random.Next(checksByKey.Length);
            var outcome = await instances[random.Next(instances.Count)].AcquireAsync(checksByKey[key], CancellationToken.None);
            tally.Record(key, outcome);
        }

        return tally;
    }

    private static long MostInOneWindow<TWindow>(IEnumerable<KeyValuePair<TWindow, long>> counts) where TWindow : notnull =>
        counts.GroupBy(c => c.Key).Select(window => window.Sum(c => c.Value)).DefaultIfEmpty().Max();

    private sealed class WorkerTally
    {
        public long Admitted { get; private set; }

        public long Refused { get; private set; }

        public long Unavailable { get; private set; }

        /// <summary>Admitted per key and window (the window's end, as the limiter reported it).</summary>
        public Dictionary<(int Key, DateTimeOffset Reset), long> ByKeyWindow { get; } = [];

        public Dictionary<DateTimeOffset, long> ByTenantWindow { get; } = [];

        public void Record(int key, LimitOutcome outcome)
        {
            if (outcome.StorageUnavailable)
            {
                Unavailable++;
            }
            else if (!outcome.Admitted)
            {
                Refused++;
            }
            else
            {
                Admitted++;
                var keyWindow = (key, outcome.States[0].Reset);
                ByKeyWindow[keyWindow] = ByKeyWindow.GetValueOrDefault(keyWindow) + 1;
                ByTenantWindow[outcome.States[1].Reset] = ByTenantWindow.GetValueOrDefault(outcome.States[1].Reset) + 1;
            }
        }
    }
}
