using Gatehouse.Configuration;
using Gatehouse.Providers;
using Gatehouse.Providers.OpenAICompatible;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.Tests.Configuration;

public sealed class GatehouseOptionsValidatorTests
{
    private static readonly IProviderAdapter[] Adapters = [new OpenAICompatibleAdapter(ProviderNames.OpenAI), new OpenAICompatibleAdapter(ProviderNames.OpenAICompatible)];

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static GatehouseOptions Valid() => new()
    {
        Storage = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" },
        Keys = new KeyOptions { Pepper = new string('p', 32) },
        Providers = { ["openai"] = new ProviderOptions { Type = "openai", BaseUrl = "https://api.openai.com/v1", ApiKeySetting = "OPENAI_API_KEY" } },
        Models = { ["gpt-4o-mini"] = new ModelRouteOptions { Deployments = [new DeploymentOptions { Provider = "openai", Model = "gpt-4o-mini" }] } },
    };

    [Fact]
    public void Validate_ValidConfig_Succeeds()
    {
        var result = new GatehouseOptionsValidator(Settings(("OPENAI_API_KEY", "sk-x")), Adapters).Validate(null, Valid());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneAtOnce()
    {
        var options = Valid();
        options.Keys.Pepper = "short";
        options.Storage.ConnectionString = null;
        options.Providers["openai"].BaseUrl = "http://api.openai.com/v1";
        options.Providers["bad"] = new ProviderOptions { Type = "carrier-pigeon", BaseUrl = "https://x.example" };
        options.Models["broken"] = new ModelRouteOptions { Deployments = [new DeploymentOptions { Provider = "nope", Model = "" }], Operations = ["dance"] };

        var result = new GatehouseOptionsValidator(Settings(), Adapters).Validate(null, options);

        Assert.False(result.Succeeded);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Pepper", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Gatehouse:Storage", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("plain http is allowed only for loopback", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'OPENAI_API_KEY' is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("unknown provider type 'carrier-pigeon'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("unknown provider 'nope'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Deployments:0:Model is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("unknown operation 'dance'", StringComparison.Ordinal));
        Assert.True(failures.Count >= 8);
    }

    [Fact]
    public void Validate_OptionalProviderWithoutKey_IsDisabledNotAnError_UnlessNothingElseServes()
    {
        var options = Valid();
        options.Providers["openai"].Optional = true;
        options.Providers["local"] = new ProviderOptions { Type = "openai-compatible", BaseUrl = "http://127.0.0.1:8000/v1" };
        options.Models["gpt-4o-mini"].Deployments.Add(new DeploymentOptions { Provider = "local", Model = "m" });
        options.Models["only-openai"] = new ModelRouteOptions { Deployments = [new DeploymentOptions { Provider = "openai", Model = "gpt-4o" }] };

        var result = new GatehouseOptionsValidator(Settings(), Adapters).Validate(null, options);

        Assert.False(result.Succeeded);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("only-openai", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShortAdminKey_Fails()
    {
        var result = new GatehouseOptionsValidator(Settings(("OPENAI_API_KEY", "sk-x"), ("GATEHOUSE_ADMIN_KEY", "admin")), Adapters).Validate(null, Valid());

        Assert.Contains(result.Failures!, f => f.Contains("GATEHOUSE_ADMIN_KEY", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://api.openai.com/v1", true)]
    [InlineData("http://127.0.0.1:18081/v1", true)]
    [InlineData("http://localhost:8000/v1", true)]
    [InlineData("http://[::1]:8000/v1", true)]
    [InlineData("http://10.0.0.5/v1", false)]
    [InlineData("https://user:pass@api.example.com/v1", false)]
    [InlineData("https://api.example.com/v1?key=abc", false)]
    [InlineData("ftp://api.example.com", false)]
    [InlineData("not a url", false)]
    public void UpstreamUrlRule_OnlyHttpsOrLoopbackHttp(string url, bool allowed) =>
        Assert.Equal(allowed, UpstreamUrlRule.Check(url) is null);
}
