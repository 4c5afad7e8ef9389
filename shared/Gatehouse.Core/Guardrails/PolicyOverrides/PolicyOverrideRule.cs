namespace Gatehouse.Guardrails.PolicyOverrides;

/// <summary>
/// One rule of a <see cref="GuardrailPolicyOverride"/>, as the admin API takes it and the row stores it (snake_case
/// JSON): the fields of a configured policy rule (<see cref="GuardrailRuleOptions"/>) plus the <see cref="Direction"/>
/// it applies to (<c>input</c>, <c>output</c> or <c>both</c>; null for the policy's default).
/// </summary>
public sealed record PolicyOverrideRule(string? Type, string? Action, string? Direction = null, string? FallbackModel = null, bool FailOpen = false);
