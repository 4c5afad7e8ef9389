using Microsoft.Extensions.Configuration;

namespace Gatehouse.Configuration;

/// <summary>Reads a provider's API key from the setting its config names (env var, app setting or Key Vault reference).</summary>
public static class ProviderCredential
{
    public static string? Read(ProviderOptions provider, IConfiguration configuration) =>
        provider.ApiKeySetting is { Length: > 0 } setting && configuration[setting] is { Length: > 0 } key ? key : null;

    /// <summary>A provider is enabled unless it is optional and its key setting is empty.</summary>
    public static bool IsEnabled(ProviderOptions provider, IConfiguration configuration) =>
        !provider.Optional || provider.ApiKeySetting is not { Length: > 0 } || Read(provider, configuration) is not null;
}
