using Gatehouse.Benchmarks.Guardrails;
using Gatehouse.Benchmarks.Infrastructure;
using Gatehouse.Benchmarks.Limits;
using Gatehouse.Benchmarks.Metering;
using Gatehouse.Benchmarks.Routing;

// Benchmarks that print figures, not timed tests. eng/bench-limits.sh runs 'limits' against its own Azurite;
// 'metering', 'routing', 'detectors' and 'stream-scan' need no storage: dotnet run -c Release --project tests/Gatehouse.Benchmarks -- metering.
// options are --name value or GATEHOUSE_BENCH_NAME (see each benchmark's settings).
var output = Console.Out;
var settings = BenchSettings.Parse(args);
switch (settings.Benchmark)
{
    case "limits":
        await LimitsBenchmark.RunAsync(settings, output);
        return 0;
    case "metering":
        await MeteringBenchmark.RunAsync(output);
        return 0;
    case "routing":
        await RoutingBenchmark.RunAsync(output);
        return 0;
    case "detectors":
        await DetectorBenchmark.RunAsync(output);
        return 0;
    case "stream-scan":
        await StreamScanBenchmark.RunAsync(output);
        return 0;
    default:
        await Console.Error.WriteLineAsync($"unknown benchmark '{settings.Benchmark}'; known: limits, metering, routing, detectors, stream-scan");
        return 2;
}
