using System.Globalization;
using System.Reflection;
using System.Runtime;
using Gatehouse.Benchmarks.Infrastructure;
using Gatehouse.Limits;

namespace Gatehouse.Benchmarks.Limits;

/// <summary>
/// The rate limiter's cost: (a) per request on the hot path, one instance, limits never reached; (b) under load,
/// several instances on one storage account, as request and storage-call rates. Prints plain tables.
/// Options (or GATEHOUSE_BENCH_*): storage (required), requests, duration, instances, keys, key-rpm, tenant-rpm,
/// rate, workers, lease-fraction.
/// </summary>
public static class LimitsBenchmark
{
    public static async Task RunAsync(BenchSettings settings, TextWriter output)
    {
        var storageConnection = settings.Text("storage") is { Length: > 0 } given ? given
            : throw new ArgumentException("set GATEHOUSE_BENCH_STORAGE (or --storage) to a storage connection string; eng/bench-limits.sh does");
        var requests = settings.Count("requests", 200_000);
        var duration = TimeSpan.FromSeconds(settings.Number("duration", 10));
        var instanceCount = settings.Count("instances", 3);
        var shape = new LoadShape(settings.Count("keys", 50), settings.Count("key-rpm", 6_000), settings.Count("tenant-rpm", 250_000));
        var rate = settings.Number("rate", 4_000);
        var workers = settings.Count("workers", 16);
        var limiterSettings = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (settings.Text("lease-fraction") is { Length: > 0 } leaseFraction)
        {
            limiterSettings["Gatehouse:Limits:LeaseFraction"] = leaseFraction;
        }

        settings.RejectUnknown();
        var configuration = typeof(LimitsBenchmark).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        output.WriteLine(Invariant($"Gatehouse limiter benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {configuration} build"));

        using var storage = new StorageOperationCounter();
        var instances = new List<GatewayInstance>();
        try
        {
            for (var i = 0; i < instanceCount; i++)
            {
                instances.Add(await GatewayInstance.StartAsync(storageConnection, limiterSettings));
            }

            var limiters = instances.Select(instance => instance.Get<RateLimiter>()).ToList();
            WriteHotPath(output, RunHotPath(limiters[0], requests, storage));
            WriteTokenEstimates(output, TokenEstimateRun.Run());
            var load = new LoadRun(limiters, shape, storage);
            var steady = await load.RunAsync("steady", duration, rate, workers);
            var flood = await load.RunAsync("flood", duration, 0, workers);
            WriteLoad(output, instanceCount, shape, workers, rate, [steady, flood]);
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    private static List<HotPathResult> RunHotPath(RateLimiter limiter, int requests, StorageOperationCounter storage)
    {
        var tenant = $"bench-hot-{Guid.NewGuid():N}";
        LimitCheck[][] checks = [HotPathRun.ChecksFor(tenant + "-0", tenant), HotPathRun.ChecksFor(tenant + "-1", tenant)];

        // Warm up: the first leases, then time for tiered compilation to swap in optimized code.
        HotPathRun.Run(limiter, checks, 50_000, storage);
        Thread.Sleep(500);
        HotPathRun.Run(limiter, checks, 50_000, storage);
        return [Median(() => HotPathRun.Run(limiter, checks[..1], requests, storage)), Median(() => HotPathRun.Run(limiter, checks, requests, storage))];
    }

    /// <summary>The middle of three runs by mean cost: one run can land on a GC or a noisy neighbour.</summary>
    private static HotPathResult Median(Func<HotPathResult> run) =>
        Enumerable.Range(0, 3).Select(_ => run()).OrderBy(result => result.MeanNs).ElementAt(1);

    private static void WriteHotPath(TextWriter output, List<HotPathResult> results)
    {
        output.WriteLine();
        output.WriteLine("(a) Hot path: one instance, 3 checks per request (key rpm + key rpd + tenant rpm), limits never reached");
        var table = new TextTable("threads", "requests", "ns/request", "p50 ns", "p99 ns", "requests/s", "bytes/request", "storage calls/1k req", "refused");
        foreach (var r in results)
        {
            table.Add(N(r.Threads), N(r.Requests), N(r.MeanNs), N(r.P50Ns), N(r.P99Ns), N(r.RequestsPerSecond), N(r.BytesPerRequest),
                Invariant($"{r.Storage.Calls * 1000.0 / r.Requests:0.000}"), N(r.Refused));
        }

        table.WriteTo(output);
        output.WriteLine("  The median of 3 runs; each run makes two passes per thread (requests counts both). ns/request: the untimed pass, wall time per call on one thread, GC included;");
        output.WriteLine(Invariant($"  p50/p99: the pass timing every call (each includes ~{HotPathRun.TimerOverheadNs():0} ns of clock read)."));
        output.WriteLine("  2 threads: two keys of one tenant, so the tenant's allowance is shared between them.");
    }

    private static void WriteTokenEstimates(TextWriter output, (double LoadMs, List<(int Tokens, double MicrosecondsPerCall)> Sizes) run)
    {
        output.WriteLine();
        output.WriteLine("(a2) Token limits only: counting a chat prompt up front (o200k_base), one thread");
        var table = new TextTable("prompt tokens", "µs/request", "ns/token");
        foreach (var (tokens, micros) in run.Sizes)
        {
            table.Add(N(tokens), Invariant($"{micros:0.0}"), Invariant($"{micros * 1000 / tokens:0}"));
        }

        table.WriteTo(output);
        output.WriteLine(Invariant($"  The vocabulary loaded in {run.LoadMs:N0} ms (the gateway does this in the background at start)."));
    }

    private static void WriteLoad(TextWriter output, int instances, LoadShape shape, int workers, double rate, LoadResult[] results)
    {
        output.WriteLine();
        output.WriteLine(Invariant($"(b) Under load: {instances} instances on one storage account, {shape.Keys} keys x rpm {shape.KeyRpm:N0}, tenant rpm {shape.TenantRpm:N0}, {workers} workers"));
        var traffic = new TextTable("phase", "seconds", "requests/s", "admitted/s", "refused/s", "unavailable/s", "most/key-minute", "most/tenant-minute");
        foreach (var r in results)
        {
            traffic.Add(r.Phase, Invariant($"{r.Elapsed.TotalSeconds:0.0}"), N(r.PerSecond(r.Requests)), N(r.PerSecond(r.Admitted)), N(r.PerSecond(r.Refused)),
                N(r.PerSecond(r.Unavailable)), N(r.MostInAKeyWindow), N(r.MostInATenantWindow));
        }

        traffic.WriteTo(output);
        output.WriteLine();
        var calls = new TextTable("phase", "storage calls/s", "read/s", "insert/s", "update/s", "conflicts/s", "calls/1k req", "calls/1k admitted", "failures");
        foreach (var r in results)
        {
            calls.Add(r.Phase, N(r.PerSecond(r.Storage.Calls)), N(r.PerSecond(r.Storage["read"])), N(r.PerSecond(r.Storage["insert"])),
                N(r.PerSecond(r.Storage["update"])), N(r.PerSecond(r.Storage[StorageOperations.Conflict])),
                Invariant($"{r.Storage.Calls * 1000.0 / Math.Max(1, r.Requests):0.00}"), Invariant($"{r.Storage.Calls * 1000.0 / Math.Max(1, r.Admitted):0.00}"),
                N(r.Storage[StorageOperations.Failures]));
        }

        calls.WriteTo(output);
        output.WriteLine(Invariant($"  steady: paced to {rate:N0} requests/s in all; flood: as fast as the workers go. Each request: a random key, a random instance."));
        output.WriteLine("  most/key-minute, most/tenant-minute: the most admitted in one window across all instances (never above the limit).");
        output.WriteLine("  conflicts: writes that lost an ETag race to another instance (counted in insert/update too); failures: leases that hit the failure policy.");
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
