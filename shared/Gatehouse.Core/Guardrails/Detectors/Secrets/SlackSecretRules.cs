using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// Slack: bot, user, app and refresh tokens (xoxb-, xoxp-, xoxa-, xoxr-: a numeric id, then dash-separated parts, the last
/// one random) and incoming-webhook URLs, whose path is the credential: the finding covers <c>T.../B.../...</c>, so
/// masking it leaves <c>https://hooks.slack.com/services/</c> readable.
/// </summary>
internal static partial class SlackSecretRules
{
    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.SlackToken, Token(), 0.95, "A Slack token (xoxb-, xoxp-, xoxa- or xoxr-).", IsToken, SecretRule.Base64Url),
        new(SecretTypes.SlackToken, Webhook(), 0.95, "A Slack incoming-webhook URL's secret path.", IsWebhookPath),
    ];

    /// <summary>The last part is the random one; the ids before it repeat across a workspace's tokens.</summary>
    private static bool IsToken(ReadOnlySpan<char> value)
    {
        var last = value[(value.LastIndexOf('-') + 1)..];
        return last.Length >= 16 && SecretValue.LooksRandom(last);
    }

    private static bool IsWebhookPath(ReadOnlySpan<char> value) => SecretValue.LooksRandom(value[(value.LastIndexOf('/') + 1)..]);

    [GeneratedRegex(@"(?<v>xox[bpar]-[0-9]{1,16}(?:-(?>[0-9A-Za-z]{1,64})){1,4})(?![A-Za-z0-9_-])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex Token();

    [GeneratedRegex(@"https://hooks\.slack\.com/services/(?<v>T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})(?![A-Za-z0-9])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex Webhook();
}
