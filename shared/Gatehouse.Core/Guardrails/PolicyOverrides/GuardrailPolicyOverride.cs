using System.Text.Json;
using System.Text.Json.Serialization;
using Gatehouse.Configuration;
using Gatehouse.Guardrails.Rules;

namespace Gatehouse.Guardrails.PolicyOverrides;

/// <summary>
/// A tenant's or a key's own guardrail policy: it takes the place of the configured policy for every model alias the
/// key calls (a key's own over its tenant's, over config). No rules means no guardrails for that key or tenant, as a
/// configured policy with no rules exempts its alias. Stored as JSON on the tenant or key row; that <see cref="Text"/>
/// is also the override's version, so a policy is built from it once per change, not per request.
/// </summary>
public sealed class GuardrailPolicyOverride
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private GuardrailPolicyOverride(IReadOnlyList<PolicyOverrideRule> rules, string text)
    {
        Rules = rules;
        Text = text;
    }

    public IReadOnlyList<PolicyOverrideRule> Rules { get; }

    /// <summary>The stored JSON: <c>{"rules":[{"type":"DENY_TERM","action":"block"}]}</c>.</summary>
    public string Text { get; }

    /// <summary>An override of checked rules (<see cref="Validate"/>).</summary>
    public static GuardrailPolicyOverride Create(IReadOnlyList<PolicyOverrideRule> rules) =>
        new(rules, JsonSerializer.Serialize(new Stored(rules), JsonOptions));

    /// <summary>
    /// The override a row stores; null when it has none. A column that does not read as one (edited by hand) becomes the
    /// strictest policy, blocking every finding of every detector, rather than none: fail closed.
    /// </summary>
    public static GuardrailPolicyOverride? Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        try
        {
            if (JsonSerializer.Deserialize<Stored>(stored, JsonOptions)?.Rules is { } rules && rules.All(rule => rule is not null))
            {
                return new GuardrailPolicyOverride(rules, stored);
            }
        }
        catch (JsonException)
        {
            // Falls through to the strictest policy below.
        }

        return new GuardrailPolicyOverride([new PolicyOverrideRule(GuardrailFindingTypes.Any, GuardrailActions.Block)], stored);
    }

    /// <summary>
    /// Every problem with <paramref name="rules"/>, each naming its field (<c>rules[1].fallback_model</c>): the checks of a
    /// configured policy rule (<see cref="GuardrailRuleOptions.Validate"/>) for every alias the override may cover, one
    /// rule per type, and the direction. A fallback alias is not checked against itself: a request for it is already served by it.
    /// </summary>
    public static IReadOnlyList<RuleProblem> Validate(
        IReadOnlyList<PolicyOverrideRule?> rules, IReadOnlyDictionary<string, ModelRouteOptions> models, IReadOnlySet<string> findingTypes)
    {
        var problems = new List<RuleProblem>();
        var types = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not { } rule)
            {
                problems.Add(new($"rules[{i}]", "must be an object with at least 'type' and 'action'."));
                continue;
            }

            var path = $"rules.{i}";
            IReadOnlyList<string> aliases = [.. models.Keys.Where(alias => alias != rule.FallbackModel)];
            foreach (var error in ToOptions(rule).Validate(path, aliases, models, findingTypes))
            {
                problems.Add(Problem(i, error[(path.Length + 1)..]));
            }

            if (!string.IsNullOrWhiteSpace(rule.Type) && !types.Add(rule.Type))
            {
                problems.Add(new($"rules[{i}].type", $"'{rule.Type}' already has a rule in this policy; give each type one rule."));
            }
        }

        return problems;
    }

    /// <summary>The rules as a configured policy's, for <see cref="GuardrailPolicy.From"/>.</summary>
    public GuardrailPolicyOptions ToOptions() => new() { Rules = [.. Rules.Select(ToOptions)] };

    private static GuardrailRuleOptions ToOptions(PolicyOverrideRule rule) => new()
    {
        Type = rule.Type ?? "",
        Action = rule.Action ?? "",
        Direction = rule.Direction,
        FallbackModel = rule.FallbackModel,
        FailOpen = rule.FailOpen,
    };

    /// <summary><c>FallbackModel: there is no …</c> → <c>rules[i].fallback_model</c> and the message.</summary>
    private static RuleProblem Problem(int index, string error)
    {
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0
            ? new RuleProblem($"rules[{index}]", error)
            : new RuleProblem($"rules[{index}].{JsonNamingPolicy.SnakeCaseLower.ConvertName(error[..colon])}", error[(colon + 2)..]);
    }

    private sealed record Stored(IReadOnlyList<PolicyOverrideRule> Rules);
}
