namespace Gatehouse.Providers;

/// <summary>The kind an HTTP status says on its own, for providers whose error body does not say more.</summary>
public static class ProviderErrorKinds
{
    public static ProviderErrorKind FromStatus(int status) => status switch
    {
        401 or 403 => ProviderErrorKind.Auth,
        408 => ProviderErrorKind.Timeout,
        429 => ProviderErrorKind.RateLimited,
        >= 500 => ProviderErrorKind.Server,
        _ => ProviderErrorKind.BadRequest,
    };
}
