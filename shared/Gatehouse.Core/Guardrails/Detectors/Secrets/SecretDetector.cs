namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// Reports credentials in the input, one <see cref="SecretTypes"/> type each: cloud and SaaS keys and tokens, JWTs,
/// private keys, connection-string passwords, and high-entropy values assigned to secret-like names. A finding spans the
/// value only (not its key name), so a redaction replaces just the secret; its explanation names the format, never the
/// value. Rules run most specific first, and a match that overlaps one already reported in the segment is dropped
/// (a GitHub token in <c>token=ghp_...</c> is a <see cref="SecretTypes.GitHubToken"/>, not a generic secret too).
/// </summary>
public sealed class SecretDetector : IGuardrailDetector
{
    /// <summary>Findings reported per request at most: more would not change the verdict, only cost memory.</summary>
    public const int MaxFindings = 100;

    private static readonly SecretRule[] Rules =
    [
        .. GcpSecretRules.Rules, // its private key before the plain PEM rule
        .. PrivateKeySecretRules.Rules,
        .. JwtSecretRules.Rules,
        .. AiProviderSecretRules.Rules,
        .. SourceControlSecretRules.Rules,
        .. SlackSecretRules.Rules,
        .. StripeSecretRules.Rules,
        .. AwsSecretRules.Rules,
        .. AzureSecretRules.Rules,
        .. ConnectionStringSecretRules.Rules,
        .. GenericSecretRules.Rules, // last: only what no format rule claimed
    ];

    public string Name => DetectorNames.Secrets;

    public IReadOnlySet<string> FindingTypes => SecretTypes.All;

    public ValueTask<IReadOnlyList<DetectorFinding>> InspectAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        var findings = new List<DetectorFinding>();
        for (var segment = 0; segment < input.Segments.Count && findings.Count < MaxFindings; segment++)
        {
            var text = input.Segments[segment].Text;
            var first = findings.Count;
            foreach (var rule in Rules)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var match = rule.Pattern.Match(text); match.Success && findings.Count < MaxFindings; match = match.NextMatch())
                {
                    var (start, length) = rule.Measure(text, match);
                    if (length > 0 && !Overlaps(findings, first, start, length))
                    {
                        findings.Add(new DetectorFinding(Name, rule.Type, segment, start, length, rule.Score, rule.Explanation));
                    }
                }
            }

            findings.Sort(first, findings.Count - first, ByStart.Instance);
        }

        return ValueTask.FromResult<IReadOnlyList<DetectorFinding>>(findings);
    }

    /// <summary>Whether the span overlaps a finding of this segment (those from <paramref name="first"/> on).</summary>
    private static bool Overlaps(List<DetectorFinding> findings, int first, int start, int length)
    {
        for (var i = first; i < findings.Count; i++)
        {
            if (start < findings[i].Start + findings[i].Length && findings[i].Start < start + length)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class ByStart : IComparer<DetectorFinding>
    {
        public static readonly ByStart Instance = new();

        public int Compare(DetectorFinding? x, DetectorFinding? y) => (x?.Start ?? 0).CompareTo(y?.Start ?? 0);
    }
}
