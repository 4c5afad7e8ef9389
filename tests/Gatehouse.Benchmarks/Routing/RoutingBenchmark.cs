using System.Diagnostics;
using System.Text.Json.Nodes;
using Gatehouse.Benchmarks.Infrastructure;
using Gatehouse.Providers;
using Gatehouse.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Gatehouse.Benchmarks.Routing;

/// <summary>
/// What routing adds to an upstream call, without sockets: one attempt through <see cref="UpstreamSender"/> alone, and
/// the same through <see cref="UpstreamRouter"/> (planning, the total timeout, the deployment's Polly pipeline with
/// retry, breaker and attempt timeout, the attempt record), against an in-process provider, JSON and streamed.
/// </summary>
public static class RoutingBenchmark
{
    private const int Calls = 50_000;
    private const int Rounds = 7;

    public static async Task RunAsync(TextWriter output)
    {
        var stub = new StubUpstreamHandler();
        await using var provider = OfflineCore.Build(configure: services =>
            services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = stub)));

        var sender = provider.GetRequiredService<UpstreamSender>();
        var router = provider.GetRequiredService<UpstreamRouter>();
        var planner = provider.GetRequiredService<DeploymentPlanner>();
        provider.GetRequiredService<ModelCatalog>().TryGetRoute("m", out var route);
        var deployment = route.Deployments[0];

        var table = new List<(string Name, double Microseconds, double Bytes)>();
        foreach (var stream in new[] { false, true })
        {
            var body = new JsonObject { ["model"] = "m", ["stream"] = stream, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }) };
            var request = new ProviderRequest(ProviderOperation.ChatCompletions, body, stream);
            var kind = stream ? "stream (opening read)" : "JSON (answer read)";

            Func<Task> alone = async () =>
            {
                await using var exchange = await sender.SendAsync(request, deployment, CancellationToken.None, CancellationToken.None);
                Check(exchange.Error);
            };
            Func<Task> routed = async () =>
            {
                var result = await router.SendAsync(request, planner.Plan(route), [], CancellationToken.None);
                await using var exchange = result.Exchange;
                Check(result.Error);
            };

            // Rounds alternate the two, and each reports its median round, so drift on a shared machine hits both alike.
            var rounds = new List<((double, double) Alone, (double, double) Routed)>();
            for (var round = 0; round < Rounds; round++)
            {
                rounds.Add((await MeasureAsync(alone), await MeasureAsync(routed)));
            }

            var (aloneUs, aloneBytes) = Median(rounds.Select(r => r.Alone));
            var (routedUs, routedBytes) = Median(rounds.Select(r => r.Routed));
            table.Add(($"sender alone, {kind}", aloneUs, aloneBytes));
            table.Add(($"router (plan, Polly, attempt record), {kind}", routedUs, routedBytes));
        }

        output.WriteLine("| routing, one thread, in-process provider | µs per call | bytes allocated per call |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (name, microseconds, bytes) in table)
        {
            output.WriteLine($"| {name} | {microseconds:0.0} | {bytes:0} |");
        }
    }

    private static (double Microseconds, double Bytes) Median(IEnumerable<(double Microseconds, double Bytes)> rounds) =>
        rounds.OrderBy(r => r.Microseconds).ElementAt(Rounds / 2);

    private static void Check(UpstreamError? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"The stub upstream call failed: {error.Kind} {error.Message}");
        }
    }

    private static async Task<(double Microseconds, double Bytes)> MeasureAsync(Func<Task> call)
    {
        for (var i = 0; i < Calls / 10; i++)
        {
            await call(); // warm-up: tiered JIT
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            await call();
        }

        return (timer.Elapsed.TotalMicroseconds / Calls, (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / Calls);
    }
}
