using Gatehouse.Guardrails.PolicyOverrides;
using Gatehouse.Guardrails.Rules;

namespace Gatehouse.Admin;

/// <summary>A custom rule; <c>source</c> is <c>config</c> (read-only here) or <c>api</c>.</summary>
internal sealed record GuardrailRuleResponse(
    string Name,
    string Kind,
    string? Pattern,
    IReadOnlyList<string>? Terms,
    string Direction,
    string Action,
    string? Description,
    string Source,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy)
{
    public static GuardrailRuleResponse From(CustomRule r) => new(
        r.Name, r.Kind, r.Pattern, r.Kind == CustomRuleSyntax.KindDenyList ? r.Terms : null, r.Direction, r.Action, r.Description, r.Source, r.UpdatedAt, r.UpdatedBy);
}

/// <summary>A tenant's or key's own guardrail policy; <c>"rules": null</c> when it has none (the next level applies).</summary>
internal sealed record GuardrailPolicyResponse(IReadOnlyList<PolicyOverrideRule>? Rules)
{
    public static GuardrailPolicyResponse From(GuardrailPolicyOverride? policy) => new(policy?.Rules);
}
