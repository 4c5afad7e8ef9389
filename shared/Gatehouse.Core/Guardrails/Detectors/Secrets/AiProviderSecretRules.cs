using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// Model providers' API keys: OpenAI (sk-proj-, sk-svcacct-, sk-admin- and 40 characters or more; older sk- keys carry
/// T3BlbkFJ, "OpenAI" in base64, between two runs of 20) and Anthropic (sk-ant-api03-, sk-ant-admin01-, sk-ant-oat01- and
/// 80 or more). A bare <c>sk-...</c> or <c>sk-proj-...</c> is a placeholder: too short for the format.
/// </summary>
internal static partial class AiProviderSecretRules
{
    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.AnthropicApiKey, AnthropicKey(), 0.99, "An Anthropic API key (sk-ant-).", IsRandomAfterThirdDash, SecretRule.Base64Url),
        new(SecretTypes.OpenAIApiKey, OpenAIKey(), 0.95, "An OpenAI API key (sk-proj-, sk-svcacct-, sk-admin-, or sk- with the T3BlbkFJ marker).", IsOpenAIKey, SecretRule.Base64Url),
    ];

    private static bool IsOpenAIKey(ReadOnlySpan<char> value) =>
        SecretValue.LooksRandom(value.Contains("T3BlbkFJ", StringComparison.Ordinal) ? value : value[(value[3..].IndexOf('-') + 4)..]);

    private static bool IsRandomAfterThirdDash(ReadOnlySpan<char> value)
    {
        var rest = value["sk-ant-".Length..];
        return SecretValue.LooksRandom(rest[(rest.IndexOf('-') + 1)..]);
    }

    [GeneratedRegex(@"(?<v>sk-ant-(?:api|admin|oat)[0-9]{2}-(?>[A-Za-z0-9_-]{80,300}))(?![A-Za-z0-9_-])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"(?<v>sk-(?:(?:proj|svcacct|admin)-(?>[A-Za-z0-9_-]{40,300})|[A-Za-z0-9]{20}T3BlbkFJ(?>[A-Za-z0-9]{20})))(?![A-Za-z0-9_-])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex OpenAIKey();
}
