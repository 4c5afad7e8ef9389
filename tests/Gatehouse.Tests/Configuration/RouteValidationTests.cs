using Gatehouse.Configuration;
using Gatehouse.Providers;
using Gatehouse.Providers.OpenAICompatible;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.Tests.Configuration;

/// <summary>Routes with strategies and nested groups, and the routing options, as the start-up validation checks them.</summary>
public sealed class RouteValidationTests
{
    private static readonly IProviderAdapter[] Adapters = [new OpenAICompatibleAdapter(ProviderNames.OpenAI), new OpenAICompatibleAdapter(ProviderNames.Anthropic)];

    [Fact]
    public void Validate_NestedGroups_AreAccepted()
    {
        var options = Valid();
        options.Models["gpt-4o"] = new ModelRouteOptions
        {
            Strategy = "failover",
            Deployments =
            [
                new DeploymentOptions { Strategy = "weighted", Deployments = [Deployment("east", weight: 3), Deployment("west", weight: 1)] },
                new DeploymentOptions { Strategy = "least-latency", Deployments = [Deployment("east"), Deployment("west")] },
                Deployment("claude"),
            ],
        };

        var result = Validate(options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_BadRoutes_ReportEveryProblem()
    {
        var options = Valid();
        options.Models["bad"] = new ModelRouteOptions
        {
            Strategy = "round-robin",
            Deployments =
            [
                new DeploymentOptions { Provider = "east", Model = "m", Deployments = [Deployment("west")] },
                new DeploymentOptions { Strategy = "weighted", Deployments = [Deployment("east", weight: 0), Deployment("west", weight: 0)] },
                new DeploymentOptions { Provider = "east", Model = "m", Strategy = "weighted" },
                Deployment("east", weight: -1),
            ],
        };
        options.Models["embed"] = new ModelRouteOptions { Deployments = [Deployment("claude")], Operations = ["embeddings"] };

        var failures = Validate(options).Failures!.ToList();

        Assert.Contains(failures, f => f.Contains("Gatehouse:Models:bad:Strategy: unknown strategy 'round-robin'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Deployments:0: a member is either a deployment", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Deployments:1: a weighted group needs at least one member with a weight above 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Deployments:2:Strategy: only a group", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Deployments:3:Weight: must be 0 or more", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Gatehouse:Models:embed:Deployments:0:Provider: 'claude' is an Anthropic provider", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_GroupsNestedTooDeep_Fail()
    {
        var options = Valid();
        var member = Deployment("east");
        for (var i = 0; i < 5; i++)
        {
            member = new DeploymentOptions { Deployments = [member] };
        }

        options.Models["deep"] = new ModelRouteOptions { Deployments = [member] };

        Assert.Contains(Validate(options).Failures!, f => f.Contains("groups nest at most 4 deep", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RoutingOptionsOutOfRange_Fail()
    {
        var options = Valid();
        options.Routing.Retry.MaxRetryAttempts = 11;
        options.Routing.CircuitBreaker.FailureRatio = 0;
        options.Routing.TotalTimeout = TimeSpan.Zero;

        var failures = Validate(options).Failures!.ToList();

        Assert.Contains(failures, f => f.Contains("Gatehouse:Routing:Retry:MaxRetryAttempts", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Gatehouse:Routing:CircuitBreaker:FailureRatio", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Gatehouse:Routing:TotalTimeout", StringComparison.Ordinal));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(GatehouseOptions options) =>
        new GatehouseOptionsValidator(new ConfigurationBuilder().Build(), Adapters).Validate(null, options);

    private static DeploymentOptions Deployment(string provider, int weight = 1) => new() { Provider = provider, Model = "gpt-4o", Weight = weight };

    private static GatehouseOptions Valid() => new()
    {
        Storage = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" },
        Keys = new KeyOptions { Pepper = new string('p', 32) },
        Providers =
        {
            ["east"] = new ProviderOptions { Type = "openai", BaseUrl = "https://east.example/v1" },
            ["west"] = new ProviderOptions { Type = "openai", BaseUrl = "https://west.example/v1" },
            ["claude"] = new ProviderOptions { Type = "anthropic", BaseUrl = "https://api.anthropic.com/v1" },
        },
        Models = { ["m"] = new ModelRouteOptions { Deployments = [Deployment("east")] } },
    };
}
