using System.Buffers;
using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// AWS access key IDs (AKIA long-term, ASIA temporary: 16 base32 characters follow) and secret access keys (40 base64
/// characters, only where a key named for AWS or a secret access key is assigned: alone, or under a plain "secret",
/// they are indistinguishable from any other base64). The documentation's example keys end in EXAMPLE
/// (AKIAIOSFODNN7EXAMPLE, wJalr...EXAMPLEKEY): they are published, so they leak nothing, and a generated key ID holds
/// EXAMPLE about once in 3 billion; keys holding it are not reported (<see cref="SecretValue.IsPlaceholder"/>).
/// </summary>
internal static partial class AwsSecretRules
{
    private static readonly SearchValues<char> DigitOrSymbol = SearchValues.Create("0123456789+/");

    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.AwsAccessKey, AccessKeyId(), 0.95, "An AWS access key ID (AKIA or ASIA and 16 base32 characters).", SecretValue.LooksRandom, SecretRule.Alphanumeric),
        new(SecretTypes.AwsSecretKey, SecretAccessKey(), 0.85, "An AWS secret access key (40 base64 characters assigned to an AWS or secret access key name).", IsSecretAccessKey),
    ];

    /// <summary>Random base64 mixes cases and digits (or + and /); a 40-character hex SHA or a word does not.</summary>
    private static bool IsSecretAccessKey(ReadOnlySpan<char> value) =>
        SecretValue.LooksRandom(value) && value.ContainsAnyInRange('A', 'Z') && value.ContainsAnyInRange('a', 'z')
        && value.ContainsAny(DigitOrSymbol);

    [GeneratedRegex(@"(?<v>A[KS]IA[A-Z2-7]{16})(?![A-Za-z0-9])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex AccessKeyId();

    [GeneratedRegex(@"(?i:aws[A-Za-z0-9_. -]{0,30}|secret[_ .-]?access[_ .-]?key[A-Za-z0-9_. -]{0,10})[""']?\s*(?:=>|:=|[:=])\s*[""']?(?<v>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex SecretAccessKey();
}
