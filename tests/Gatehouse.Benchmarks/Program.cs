using Gatehouse.Benchmarks.Infrastructure;
using Gatehouse.Benchmarks.Limits;

// Benchmarks that print figures, not timed tests. eng/bench-limits.sh runs 'limits' against its own Azurite;
// options are --name value or GATEHOUSE_BENCH_NAME (see each benchmark's settings).
var output = Console.Out;
var settings = BenchSettings.Parse(args);
switch (settings.Benchmark)
{
    case "limits":
        await LimitsBenchmark.RunAsync(settings, output);
        return 0;
    default:
        await Console.Error.WriteLineAsync($"unknown benchmark '{settings.Benchmark}'; known: limits");
        return 2;
}
