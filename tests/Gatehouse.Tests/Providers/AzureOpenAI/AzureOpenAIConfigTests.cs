using Gatehouse.Configuration;
using Gatehouse.Providers;
using Gatehouse.Providers.AzureOpenAI;
using Gatehouse.Providers.OpenAICompatible;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.Tests.Providers.AzureOpenAI;

/// <summary>The start-up rules for provider auth: Entra only for Azure OpenAI and without a key; a key otherwise.</summary>
public sealed class AzureOpenAIConfigTests
{
    private static readonly IProviderAdapter[] Adapters = [new OpenAICompatibleAdapter(ProviderNames.OpenAI), new AzureOpenAIAdapter()];

    private static IReadOnlyList<string> Failures(ProviderOptions provider)
    {
        var options = new GatehouseOptions
        {
            Storage = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" },
            Keys = new KeyOptions { Pepper = new string('p', 32) },
            Providers = { ["p"] = provider },
            Models = { ["m"] = new ModelRouteOptions { Deployments = [new DeploymentOptions { Provider = "p", Model = "gpt-4o-mini" }] } },
        };
        var settings = new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>("KEY", "k")]).Build();
        var result = new GatehouseOptionsValidator(settings, Adapters).Validate(null, options);
        return result.Succeeded ? [] : [.. result.Failures!];
    }

    private static ProviderOptions Azure(ProviderAuth auth, string? keySetting) =>
        new() { Type = ProviderNames.AzureOpenAI, BaseUrl = "https://r.openai.azure.com", Auth = auth, ApiKeySetting = keySetting };

    [Fact]
    public void Validate_AzureWithKey_OrWithEntraAndNoKey_Succeeds()
    {
        Assert.Empty(Failures(Azure(ProviderAuth.ApiKey, "KEY")));
        Assert.Empty(Failures(Azure(ProviderAuth.Entra, null)));
    }

    [Fact]
    public void Validate_AzureWithKeyAuthButNoKeySetting_Fails()
    {
        var failure = Assert.Single(Failures(Azure(ProviderAuth.ApiKey, null)));

        Assert.StartsWith("Gatehouse:Providers:p:ApiKeySetting: is required for Type 'azure-openai'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EntraWithAKeySetting_Fails_TheKeyWouldGoUnused()
    {
        var failure = Assert.Single(Failures(Azure(ProviderAuth.Entra, "KEY")));

        Assert.StartsWith("Gatehouse:Providers:p:ApiKeySetting: is not used with Auth Entra", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EntraForAnotherProviderType_OrWithoutScope_Fails()
    {
        var openAI = new ProviderOptions { Type = ProviderNames.OpenAI, BaseUrl = "https://api.openai.com/v1", Auth = ProviderAuth.Entra };
        var noScope = Azure(ProviderAuth.Entra, null);
        noScope.EntraScope = " ";

        Assert.Contains(Failures(openAI), f => f.StartsWith("Gatehouse:Providers:p:Auth: Entra is supported only for Type 'azure-openai'", StringComparison.Ordinal));
        Assert.Contains(Failures(noScope), f => f.StartsWith("Gatehouse:Providers:p:EntraScope: is required", StringComparison.Ordinal));
    }
}
