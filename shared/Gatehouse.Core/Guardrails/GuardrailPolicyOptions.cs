using Gatehouse.Configuration;

namespace Gatehouse.Guardrails;

/// <summary>
/// The rules for one model alias (or <c>*</c>). A policy with no rules runs no detector, which exempts an alias from
/// the <c>*</c> policy.
/// </summary>
public sealed class GuardrailPolicyOptions
{
    public List<GuardrailRuleOptions> Rules { get; set; } = [];

    /// <summary>Every problem with the rules, for a policy that applies to <paramref name="aliases"/>.</summary>
    public IReadOnlyList<string> Validate(
        string path, IReadOnlyList<string> aliases, IReadOnlyDictionary<string, ModelRouteOptions> models, IReadOnlySet<string> findingTypes)
    {
        var errors = new List<string>();
        var types = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var rulePath = $"{path}:Rules:{i}";
            if (!string.IsNullOrWhiteSpace(rule.Type) && !types.Add(rule.Type))
            {
                errors.Add($"{rulePath}:Type: '{rule.Type}' already has a rule in this policy; give each type one rule.");
            }

            errors.AddRange(rule.Validate(rulePath, aliases, models, findingTypes));
        }

        return errors;
    }
}
