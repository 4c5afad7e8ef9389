using Gatehouse.Configuration;

namespace Gatehouse.Guardrails;

/// <summary>
/// The rules for one model alias (or <c>*</c>); each type has at most one rule per direction. A policy with no rules
/// runs no detector (but a tenant's custom rules), which exempts an alias from the <c>*</c> policy.
/// </summary>
public sealed class GuardrailPolicyOptions
{
    public List<GuardrailRuleOptions> Rules { get; set; } = [];

    /// <summary>Every problem with the rules, for a policy that applies to <paramref name="aliases"/>.</summary>
    public IReadOnlyList<string> Validate(
        string path, IReadOnlyList<string> aliases, IReadOnlyDictionary<string, ModelRouteOptions> models, IReadOnlySet<string> findingTypes)
    {
        var errors = new List<string>();
        var taken = new HashSet<(string Type, GuardrailDirection Direction)>();
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var rulePath = $"{path}:Rules:{i}";
            if (!string.IsNullOrWhiteSpace(rule.Type) && GuardrailDirections.TryParse(rule.Direction, out var direction)
                && Clash(taken, rule.Type, direction) is { } clash)
            {
                errors.Add($"{rulePath}:Type: '{rule.Type}' already has a rule for {GuardrailDirections.Name(clash)} in this policy; give each type one rule per direction.");
            }

            errors.AddRange(rule.Validate(rulePath, aliases, models, findingTypes));
        }

        return errors;
    }

    /// <summary>Takes the type's directions the rule covers; the first already taken, if any.</summary>
    private static GuardrailDirection? Clash(HashSet<(string, GuardrailDirection)> taken, string type, GuardrailDirection? direction)
    {
        GuardrailDirection? clash = null;
        foreach (var covered in (GuardrailDirection[])[GuardrailDirection.Input, GuardrailDirection.Output])
        {
            if ((direction is null || direction == covered) && !taken.Add((type, covered)))
            {
                clash ??= covered;
            }
        }

        return clash;
    }
}
