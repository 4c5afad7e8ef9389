using Azure.Core;

namespace Gatehouse.Routing;

/// <summary>
/// One provider's Entra ID access token, shared by all its requests and fetched again on demand
/// <see cref="RefreshMargin"/> before it expires. Nobody blocks: callers that find it stale share the one fetch in
/// flight. It lives with the provider's client options, not with <see cref="EntraTokenHandler"/>, which the HTTP client
/// factory recycles every few minutes.
/// </summary>
internal sealed class EntraTokenCache(Func<TokenCredential> credential, string scope, TimeProvider time)
{
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenRequestContext _request = new([scope]);
    private readonly Lock _lock = new();

    // The last fetch: in flight, done (the cached token), or failed (the next caller tries again).
    private Task<AccessToken>? _fetch;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        Task<AccessToken> fetch;
        lock (_lock)
        {
            if (_fetch is { IsCompletedSuccessfully: true } done && time.GetUtcNow() < done.Result.ExpiresOn - RefreshMargin)
            {
                return done.Result.Token;
            }

            if (_fetch is null || _fetch.IsCompleted)
            {
                _fetch = FetchAsync();
            }

            fetch = _fetch;
        }

        return (await fetch.WaitAsync(cancellationToken)).Token;
    }

    // Not bound to the caller's cancellation: other requests may be waiting on the same fetch.
    private async Task<AccessToken> FetchAsync() => await credential().GetTokenAsync(_request, CancellationToken.None);
}
