using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Providers;
using Gatehouse.Routing;
using Gatehouse.TestDoubles.OpenAI;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Routing;

/// <summary>
/// The per-deployment breaker through the real router and sender against the provider double, on a fake clock: it
/// opens on the failure ratio, refuses without calling, lets one probe through when the break ends, and closes or
/// re-opens on that probe's outcome.
/// </summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private FakeOpenAIServer _provider = null!;
    private CoreServices _core = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeOpenAIServer.StartAsync();
        _core = await CoreServices.StartAsync(_time, new Dictionary<string, string?>
        {
            ["Gatehouse:Providers:fake:BaseUrl"] = _provider.BaseUrl.ToString(),
            ["Gatehouse:Models:recovers:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:recovers:Deployments:0:Model"] = "flaky-503-4-breaker",
            ["Gatehouse:Models:down:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:down:Deployments:0:Model"] = "fail-503",
            ["Gatehouse:Routing:Retry:MaxRetryAttempts"] = "0",
            ["Gatehouse:Routing:CircuitBreaker:MinimumThroughput"] = "4",
            ["Gatehouse:Routing:CircuitBreaker:FailureRatio"] = "0.5",
            ["Gatehouse:Routing:CircuitBreaker:SamplingDuration"] = "00:00:30",
            ["Gatehouse:Routing:CircuitBreaker:BreakDuration"] = "00:00:30",
        });
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Breaker_OpensOnFailures_RefusesWithoutCalling_ThenAProbeClosesIt()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ProviderErrorKind.Server, (await SendAsync("recovers")).Error!.Kind);
        }

        var attempts = new List<UpstreamAttempt>();
        var refused = await SendAsync("recovers", attempts);

        Assert.Equal(ProviderErrorKind.CircuitOpen, refused.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Error.RetryAfter);
        Assert.Equal(AttemptOutcomes.CircuitOpen, Assert.Single(attempts).Outcome);
        Assert.Equal(4, _provider.Requests.Count);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(ProviderErrorKind.CircuitOpen, (await SendAsync("recovers")).Error!.Kind);
        Assert.Equal(4, _provider.Requests.Count);

        _time.Advance(TimeSpan.FromSeconds(2));
        var probe = await SendAsync("recovers");
        Assert.Null(probe.Error);
        Assert.Equal(5, _provider.Requests.Count);

        Assert.Null((await SendAsync("recovers")).Error);
        Assert.Equal(6, _provider.Requests.Count);
    }

    [Fact]
    public async Task Breaker_AFailedProbe_OpensItAgain()
    {
        for (var i = 0; i < 4; i++)
        {
            await SendAsync("down");
        }

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(ProviderErrorKind.Server, (await SendAsync("down")).Error!.Kind);
        Assert.Equal(5, _provider.Requests.Count);

        Assert.Equal(ProviderErrorKind.CircuitOpen, (await SendAsync("down")).Error!.Kind);
        Assert.Equal(5, _provider.Requests.Count);
    }

    private async Task<RoutedExchange> SendAsync(string alias, List<UpstreamAttempt>? attempts = null)
    {
        Assert.True(_core.Get<ModelCatalog>().TryGetRoute(alias, out var route));
        var body = new JsonObject { ["model"] = alias, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }) };
        var request = new ProviderRequest(ProviderOperation.ChatCompletions, body, Stream: false);
        var routed = await _core.Get<UpstreamRouter>().SendAsync(request, _core.Get<DeploymentPlanner>().Plan(route), attempts ?? [], CancellationToken.None);
        if (routed.Exchange is { } exchange)
        {
            await exchange.DisposeAsync();
        }

        return routed;
    }
}
