using Gatehouse.Configuration;
using Gatehouse.Guardrails.Detectors;

namespace Gatehouse.Guardrails;

/// <summary>
/// <c>Gatehouse:Guardrails</c>: the detectors' settings and, per model alias (or <c>*</c> for every alias without a
/// policy of its own), the policy whose rules say what a finding does to the request:
/// <c>"Policies": { "chat": { "Rules": [ { "Type": "DENY_TERM", "Action": "fallback", "FallbackModel": "strict" } ] } }</c>.
/// An alias without a policy runs no detector (but a tenant's custom rules). Validated at start, every problem at once.
/// </summary>
public sealed class GuardrailOptions
{
    public const string SectionName = "Gatehouse:Guardrails";

    /// <summary>The policy key for every alias that has no policy of its own.</summary>
    public const string AnyModel = "*";

    public static readonly TimeSpan MaxDetectorTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The most characters <see cref="StreamLookBehind"/> may hold back.</summary>
    public const int MaxStreamLookBehind = 4096;

    public DenyListOptions DenyList { get; set; } = new();

    /// <summary>How long each detector may take on one request; past it, it has failed (and the request is blocked, unless FailOpen).</summary>
    public TimeSpan DetectorTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// On streamed answers inspected by output rules: how many of the last characters of a choice's text are held back
    /// until the next chunk (or the end) shows that no finding runs through them. The detectors see the held text with
    /// each new chunk, so a value split across chunks is caught whole when it is at most this long; longer ones are
    /// caught when a detector recognises a prefix of them within it. 64 covers e-mail addresses, phone, card and IBAN
    /// numbers and the tell-tale prefixes of keys and tokens, and holds back about 16 tokens.
    /// </summary>
    public int StreamLookBehind { get; set; } = 64;

    /// <summary>By model alias as clients name it, or <see cref="AnyModel"/>.</summary>
    public Dictionary<string, GuardrailPolicyOptions> Policies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Every problem, each prefixed with its setting's path. <paramref name="findingTypes"/> are the types the registered
    /// detectors report: a rule for any other type would never act, so it is an error rather than a silent gap.
    /// </summary>
    public IReadOnlyList<string> Validate(IReadOnlyDictionary<string, ModelRouteOptions> models, IReadOnlySet<string> findingTypes)
    {
        var errors = new List<string>(DenyList.Validate($"{SectionName}:DenyList"));
        if (DetectorTimeout <= TimeSpan.Zero || DetectorTimeout > MaxDetectorTimeout)
        {
            errors.Add($"{SectionName}:DetectorTimeout: must be above 0 and at most {MaxDetectorTimeout.TotalSeconds:0} s.");
        }

        if (StreamLookBehind is < 1 or > MaxStreamLookBehind)
        {
            errors.Add($"{SectionName}:StreamLookBehind: must be between 1 and {MaxStreamLookBehind} characters.");
        }

        foreach (var (name, policy) in Policies)
        {
            var path = $"{SectionName}:Policies:{name}";
            if (name != AnyModel && !models.ContainsKey(name))
            {
                errors.Add($"{path}: there is no model alias '{name}' in Gatehouse:Models; name an alias, or '{AnyModel}' for every alias without a policy of its own.");
                continue;
            }

            // The aliases the policy applies to: its own, or for '*' each alias that has no policy of its own.
            IReadOnlyList<string> aliases = name == AnyModel ? [.. models.Keys.Where(alias => !Policies.ContainsKey(alias))] : [name];
            errors.AddRange(policy.Validate(path, aliases, models, findingTypes));
        }

        return errors;
    }
}
