namespace Gatehouse.Guardrails.Rules;

/// <summary>One tenant's custom rules, compiled: the configured ones, then those stored through the admin API.</summary>
public sealed class CustomRuleSet
{
    private CustomRuleSet(IReadOnlyList<CompiledCustomRule> rules) => Rules = rules;

    public static CustomRuleSet Empty { get; } = new([]);

    public int Count => Rules.Count;

    internal IReadOnlyList<CompiledCustomRule> Rules { get; }

    /// <summary>
    /// The set from <paramref name="configured"/> and <paramref name="stored"/> rules (a stored rule named like a
    /// configured one is left out: config wins). Stored rules whose version <paramref name="previous"/> already compiled
    /// are taken from it rather than compiled again. Throws when a stored rule does not compile.
    /// </summary>
    internal static CustomRuleSet Build(IReadOnlyList<CompiledCustomRule> configured, IReadOnlyList<CustomRule> stored, CustomRuleSet? previous)
    {
        var rules = new List<CompiledCustomRule>(configured.Count + stored.Count);
        rules.AddRange(configured);
        foreach (var rule in stored)
        {
            if (configured.Any(c => c.Name == rule.Name))
            {
                continue;
            }

            var known = previous?.Rules.FirstOrDefault(p => p.Name == rule.Name && p.Version == rule.Version);
            rules.Add(known ?? CompiledCustomRule.Compile(rule));
        }

        return rules.Count == 0 ? Empty : new CustomRuleSet(rules);
    }
}
