using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// GitHub tokens (ghp_ personal, gho_ OAuth, ghu_ user-to-server, ghs_ server-to-server, ghr_ refresh: 36 characters;
/// fine-grained github_pat_: 82) and GitLab personal access tokens (glpat-: 20 characters or more).
/// </summary>
internal static partial class SourceControlSecretRules
{
    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.GitHubToken, GitHubToken(), 0.99, "A GitHub token (ghp_, gho_, ghu_, ghs_, ghr_ or github_pat_).", SecretValue.LooksRandom, SecretRule.Word),
        new(SecretTypes.GitLabToken, GitLabToken(), 0.95, "A GitLab personal access token (glpat-).", IsGitLabToken, SecretRule.Base64Url),
    ];

    private static bool IsGitLabToken(ReadOnlySpan<char> value) => SecretValue.LooksRandom(value["glpat-".Length..]);

    [GeneratedRegex(@"(?<v>gh[pousr]_(?>[A-Za-z0-9]{36,251})|github_pat_(?>[A-Za-z0-9_]{82}))(?![A-Za-z0-9_])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"(?<v>glpat-[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]+){0,3})(?![A-Za-z0-9_-])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex GitLabToken();
}
