using Gatehouse.Configuration;
using Gatehouse.Routing;

namespace Gatehouse.Tests.Providers.Anthropic;

/// <summary>A deployment on an Anthropic provider, as the model catalog would build it.</summary>
internal static class AnthropicTestDeployments
{
    public const string ApiKey = "sk-ant-api03-test-key";

    public static Deployment Claude(string? apiVersion = null, string? apiKey = ApiKey) => new(
        new ProviderEndpoint("claude", "anthropic", new Uri("https://api.anthropic.com/v1"), apiKey,
            new ProviderOptions { Type = "anthropic", BaseUrl = "https://api.anthropic.com/v1", ApiVersion = apiVersion }),
        "claude-sonnet-4-5-20250929");
}
