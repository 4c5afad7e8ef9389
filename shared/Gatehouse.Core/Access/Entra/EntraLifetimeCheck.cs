using Microsoft.IdentityModel.Tokens;

namespace Gatehouse.Access.Entra;

/// <summary>
/// The <c>exp</c>/<c>nbf</c> check on the injected <see cref="TimeProvider"/>: this library version reads the system
/// clock and exposes no public time hook, so the lifetime rule is supplied as its validator delegate. Throws the
/// library's own exception types, which it records on the validation result like its built-in check does.
/// </summary>
internal static class EntraLifetimeCheck
{
    public static LifetimeValidator Create(TimeProvider time, TimeSpan clockSkew) => (notBefore, expires, _, _) =>
    {
        if (expires is null)
            throw new SecurityTokenNoExpirationException("token has no expiration time.");
        if (notBefore is { } start && start > expires)
            throw new SecurityTokenInvalidLifetimeException("token nbf is after exp.");

        var now = time.GetUtcNow().UtcDateTime;
        if (notBefore is { } nbf && nbf > now + clockSkew)
            throw new SecurityTokenNotYetValidException("token is not yet valid.") { NotBefore = nbf };
        if (expires.Value < now - clockSkew)
            throw new SecurityTokenExpiredException("token has expired.") { Expires = expires.Value };

        return true;
    };
}
