using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// Google Cloud: API keys (AIza and 35 characters) and the private key of a service account's JSON key file
/// (<c>"private_key": "-----BEGIN PRIVATE KEY-----\n..."</c>), measured like any PEM block
/// (<see cref="PrivateKeySecretRules.Extent"/>) so a stand-in body is not reported. Runs before the PEM rule, which would
/// otherwise report the same block as a plain <see cref="SecretTypes.PrivateKey"/>.
/// </summary>
internal static partial class GcpSecretRules
{
    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.GcpServiceAccountKey, ServiceAccountKey(), 0.99, "A Google Cloud service account's private key (a JSON key file's private_key).", PrivateKeySecretRules.Extent),
        new(SecretTypes.GcpApiKey, ApiKey(), 0.95, "A Google Cloud API key (AIza and 35 characters).", SecretValue.LooksRandom, SecretRule.Base64Url),
    ];

    [GeneratedRegex(@"""private_key""\s*:\s*""(?<v>-----BEGIN PRIVATE KEY-----)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex ServiceAccountKey();

    [GeneratedRegex(@"(?<v>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex ApiKey();
}
