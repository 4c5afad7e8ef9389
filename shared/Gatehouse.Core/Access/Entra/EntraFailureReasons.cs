using Microsoft.IdentityModel.Tokens;

namespace Gatehouse.Access.Entra;

/// <summary>
/// Short, token-free log reasons for a rejected token. The library's own messages are not used: they can echo claim
/// values, and log lines should say which check failed, not repeat what the caller sent.
/// </summary>
internal static class EntraFailureReasons
{
    public static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenInvalidAudienceException => "audience is not this API",
        SecurityTokenInvalidIssuerException => "issuer is not the configured directory",
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidLifetimeException => "token lifetime invalid",
        SecurityTokenInvalidAlgorithmException => "signing algorithm not allowed (RS256 only)",
        SecurityTokenSignatureKeyNotFoundException => "signing key unknown (a key refresh was requested)",
        SecurityTokenInvalidSignatureException => "signature invalid or missing",
        SecurityTokenMalformedException => "token malformed",
        null => "token rejected",
        _ => $"token rejected ({failure.GetType().Name})",
    };
}
