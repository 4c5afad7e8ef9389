using System.Diagnostics;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Providers;
using Gatehouse.Routing;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.IntegrationTests.Routing;

/// <summary>The total timeout bounds the whole search (attempts, backoff, failover) however long each attempt may take.</summary>
public sealed class TotalTimeoutTests
{
    [Fact]
    public async Task TotalTimeout_EndsTheSearch_ThoughEachAttemptMayTakeLonger()
    {
        await using var provider = await FakeOpenAIServer.StartAsync();
        await using var core = await CoreServices.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Gatehouse:Providers:fake:BaseUrl"] = provider.BaseUrl.ToString(),
            ["Gatehouse:Providers:fake:ResponseHeadersTimeout"] = "00:00:30",
            ["Gatehouse:Models:slow:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:slow:Deployments:0:Model"] = "slow",
            ["Gatehouse:Models:slow:Deployments:1:Provider"] = "fake",
            ["Gatehouse:Models:slow:Deployments:1:Model"] = "gpt-4o-mini",
            ["Gatehouse:Routing:TotalTimeout"] = "00:00:01",
        });
        Assert.True(core.Get<ModelCatalog>().TryGetRoute("slow", out var route));
        var body = new JsonObject { ["model"] = "slow", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }) };
        var attempts = new List<UpstreamAttempt>();
        var clock = Stopwatch.StartNew();

        var routed = await core.Get<UpstreamRouter>().SendAsync(
            new ProviderRequest(ProviderOperation.ChatCompletions, body, Stream: false), core.Get<DeploymentPlanner>().Plan(route), attempts, CancellationToken.None);

        Assert.Equal(ProviderErrorKind.Timeout, routed.Error!.Kind);
        Assert.Null(routed.Exchange);
        Assert.Equal("fake/slow", routed.Deployment?.Name); // the one it was waiting on
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
        var attempt = Assert.Single(attempts);
        Assert.Equal(("fake/slow", AttemptOutcomes.Timeout), (attempt.Deployment, attempt.Outcome));
    }
}
