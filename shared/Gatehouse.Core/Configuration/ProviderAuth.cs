namespace Gatehouse.Configuration;

/// <summary>How the gateway proves itself to a provider.</summary>
public enum ProviderAuth
{
    /// <summary>The key from <see cref="ProviderOptions.ApiKeySetting"/>, in the header the wire format uses.</summary>
    ApiKey,

    /// <summary>
    /// An Entra ID access token for <see cref="ProviderOptions.EntraScope"/> from the app's identity (managed identity in
    /// Azure, developer credentials locally); no key is stored anywhere.
    /// </summary>
    Entra,
}
