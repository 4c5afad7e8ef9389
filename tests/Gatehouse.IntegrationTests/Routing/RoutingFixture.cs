using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.IntegrationTests.Routing;

/// <summary>
/// A gateway over two provider doubles: <see cref="Provider"/> (429s ask for 1 s) and <see cref="Laggy"/> (150 ms before
/// each answer; 429s ask for 60 s), plus a provider with a 1 s attempt timeout and one nobody listens on. One retry per
/// deployment, Retry-After waited up to 5 s. Aliases are the scenarios the tests name.
/// </summary>
public sealed class RoutingFixture : IAsyncLifetime
{
    public FakeOpenAIServer Provider { get; private set; } = null!;

    public FakeOpenAIServer Laggy { get; private set; } = null!;

    public GatewayApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await FakeOpenAIServer.StartAsync(new FakeOpenAIOptions { RetryAfterSeconds = 1 });
        Laggy = await FakeOpenAIServer.StartAsync(new FakeOpenAIOptions { FirstChunkDelay = TimeSpan.FromMilliseconds(150), RetryAfterSeconds = 60 });
        var settings = new Dictionary<string, string?>
        {
            ["Gatehouse:Routing:Retry:MaxRetryAttempts"] = "1",
            ["Gatehouse:Routing:Retry:MaxRetryAfter"] = "00:00:05",
            ["Gatehouse:Providers:laggy:Type"] = "openai-compatible",
            ["Gatehouse:Providers:laggy:BaseUrl"] = Laggy.BaseUrl.ToString(),
            ["Gatehouse:Providers:impatient:Type"] = "openai-compatible",
            ["Gatehouse:Providers:impatient:BaseUrl"] = Provider.BaseUrl.ToString(),
            ["Gatehouse:Providers:impatient:ResponseHeadersTimeout"] = "00:00:01",
            ["Gatehouse:Providers:down:Type"] = "openai-compatible",
            ["Gatehouse:Providers:down:BaseUrl"] = $"http://127.0.0.1:{RefusingPort.Reserve()}/v1",
            ["Gatehouse:Providers:region-a:Type"] = "openai-compatible",
            ["Gatehouse:Providers:region-a:BaseUrl"] = Provider.BaseUrl.ToString(),
            ["Gatehouse:Providers:region-b:Type"] = "openai-compatible",
            ["Gatehouse:Providers:region-b:BaseUrl"] = Provider.BaseUrl.ToString(),
        };
        Route(settings, "retried", "fake/flaky-503-1-retried");
        Route(settings, "waited", "fake/flaky-429-1-waited");
        Route(settings, "fails-over", "fake/fail-500", "fake/gpt-4o-mini");
        Route(settings, "long-wait", "laggy/fail-429", "fake/gpt-4o-mini");
        Route(settings, "rejected", "fake/fail-400", "fake/gpt-4o-mini");
        Route(settings, "times-out", "impatient/slow", "fake/gpt-4o-mini");
        Route(settings, "refused", "down/m", "fake/gpt-4o-mini");
        Route(settings, "start-fails", "fake/abort-start", "fake/gpt-4o-mini");
        Route(settings, "dies-midway", "fake/abort-stream", "fake/gpt-4o-mini");
        Route(settings, "all-fail", "fake/fail-503");
        Route(settings, "weighted", "fake/w-heavy", "fake/w-light");
        settings["Gatehouse:Models:weighted:Strategy"] = "weighted";
        settings["Gatehouse:Models:weighted:Deployments:0:Weight"] = "3";
        Route(settings, "fastest", "laggy/gpt-4o-mini", "fake/gpt-4o-mini");
        settings["Gatehouse:Models:fastest:Strategy"] = "least-latency";

        // Balance across two regions (both failing here), then fall back to another provider.
        settings["Gatehouse:Models:nested:Deployments:0:Strategy"] = "weighted";
        settings["Gatehouse:Models:nested:Deployments:0:Deployments:0:Provider"] = "region-a";
        settings["Gatehouse:Models:nested:Deployments:0:Deployments:0:Model"] = "fail-503";
        settings["Gatehouse:Models:nested:Deployments:0:Deployments:1:Provider"] = "region-b";
        settings["Gatehouse:Models:nested:Deployments:0:Deployments:1:Model"] = "fail-503";
        settings["Gatehouse:Models:nested:Deployments:1:Provider"] = "laggy";
        settings["Gatehouse:Models:nested:Deployments:1:Model"] = "gpt-4o-mini";
        App = new GatewayApp(Provider.BaseUrl, settings);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Laggy.DisposeAsync();
        await Provider.DisposeAsync();
    }

    /// <summary>Requests the double received for one upstream model name.</summary>
    public int RequestsFor(string model) => Provider.Requests.Count(r => r.Body.Contains($"\"model\":\"{model}\"", StringComparison.Ordinal));

    private static void Route(Dictionary<string, string?> settings, string alias, params string[] deployments)
    {
        for (var i = 0; i < deployments.Length; i++)
        {
            var (provider, model) = (deployments[i].Split('/')[0], deployments[i].Split('/')[1]);
            settings[$"Gatehouse:Models:{alias}:Deployments:{i}:Provider"] = provider;
            settings[$"Gatehouse:Models:{alias}:Deployments:{i}:Model"] = model;
        }
    }
}
