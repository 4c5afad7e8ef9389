using System.Collections.Frozen;
using Gatehouse.Guardrails.Detectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// Runs the calling tenant's own rules (<see cref="CustomRuleCache"/>) whose direction matches the input's, and
/// reports each match as a <see cref="GuardrailFindingTypes.CustomRule"/> finding carrying the rule's action, its
/// explanation naming the rule, never the text. Regex rules run on the text as sent; deny-list rules on it folded
/// (<see cref="TermText"/>), spans pointing into the original either way. Each match is bounded by the rule's match
/// timeout and the whole run by the detector time budget, checked between rules, so no rule can hold a thread: past
/// either it throws, which the pipeline records as a failed detector (fail closed). So does a tenant whose rules
/// were never loaded and cannot be read.
/// </summary>
public sealed class CustomRuleDetector(Lazy<CustomRuleCache> cache, TimeProvider time, TimeSpan budget) : IGuardrailDetector
{
    /// <summary>Findings reported per request at most: more would not change the verdict, only cost memory.</summary>
    public const int MaxFindings = 100;

    private static readonly FrozenSet<string> Types = FrozenSet.Create(StringComparer.Ordinal, GuardrailFindingTypes.CustomRule);
    private static readonly IReadOnlyList<DetectorFinding> None = [];

    public string Name => DetectorNames.CustomRules;

    public IReadOnlySet<string> FindingTypes => Types;

    /// <summary>
    /// The cache is resolved on first use, not at construction: the options validator asks every detector which types
    /// it reports, and the cache's storage depends on the options being validated. The budget is the configured detector timeout.
    /// </summary>
    public static CustomRuleDetector Create(IServiceProvider services, IConfiguration configuration, TimeProvider time)
    {
        var options = configuration.GetSection(GuardrailOptions.SectionName).Get<GuardrailOptions>() ?? new GuardrailOptions();
        return new CustomRuleDetector(new Lazy<CustomRuleCache>(services.GetRequiredService<CustomRuleCache>), time, options.DetectorTimeout);
    }

    public async ValueTask<IReadOnlyList<DetectorFinding>> InspectAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        if (input.Tenant is not { } tenant)
        {
            return None;
        }

        var started = time.GetTimestamp();
        var rules = await cache.Value.GetAsync(tenant, cancellationToken);
        return rules.Count == 0 ? None : Inspect(rules, input, started, cancellationToken);
    }

    private List<DetectorFinding> Inspect(CustomRuleSet rules, GuardrailInput input, long started, CancellationToken cancellationToken)
    {
        var findings = new List<DetectorFinding>();
        for (var segment = 0; segment < input.Segments.Count && findings.Count < MaxFindings; segment++)
        {
            var text = input.Segments[segment].Text;
            TermText? terms = null;
            foreach (var rule in rules.Rules)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (time.GetElapsedTime(started) > budget)
                {
                    throw new TimeoutException("The custom rules ran past the detector time budget.");
                }

                if (!rule.Inspects(input.Direction) || findings.Count >= MaxFindings)
                {
                    continue;
                }

                if (rule.Pattern is { } pattern)
                {
                    foreach (var match in pattern.EnumerateMatches(text))
                    {
                        if (match.Length > 0 && !Add(findings, rule, segment, match.Index, match.Length))
                        {
                            break;
                        }
                    }
                }
                else
                {
                    terms ??= TermText.From(text);
                    for (var (start, length) = rule.Terms!.Next(terms.Text, 0); start >= 0; (start, length) = rule.Terms.Next(terms.Text, start + length))
                    {
                        var (at, span) = terms.ToOriginal(start, length);
                        if (!Add(findings, rule, segment, at, span))
                        {
                            break;
                        }
                    }
                }
            }
        }

        return findings;
    }

    /// <summary>Adds a finding; false once there are <see cref="MaxFindings"/>.</summary>
    private bool Add(List<DetectorFinding> findings, CompiledCustomRule rule, int segment, int start, int length)
    {
        findings.Add(new DetectorFinding(Name, GuardrailFindingTypes.CustomRule, segment, start, length, 1.0, rule.Explanation) { Action = rule.Action });
        return findings.Count < MaxFindings;
    }
}
