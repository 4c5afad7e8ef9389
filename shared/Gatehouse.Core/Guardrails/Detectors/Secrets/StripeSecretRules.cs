using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// Stripe secret and restricted keys, live and test (sk_live_, sk_test_, rk_live_, rk_test_ and 24 characters or
/// more). Publishable keys (pk_) are meant to be public and are not reported.
/// </summary>
internal static partial class StripeSecretRules
{
    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.StripeKey, Key(), 0.95, "A Stripe secret or restricted key (sk_ or rk_, live or test).", IsKey, SecretRule.Word),
    ];

    private static bool IsKey(ReadOnlySpan<char> value) => SecretValue.LooksRandom(value["sk_live_".Length..]);

    [GeneratedRegex(@"(?<v>[sr]k_(?:live|test)_(?>[0-9A-Za-z]{24,247}))(?![0-9A-Za-z_])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex Key();
}
