namespace Gatehouse.Admin;

// Request bodies of the guardrail settings (snake_case on the wire), also what /admin/openapi.json describes.

/// <summary>
/// PUT <c>/admin/tenants/{id}/guardrail-rules/{name}</c>: a <c>regex</c> rule with a <c>pattern</c>, or a <c>deny_list</c>
/// rule with <c>terms</c>; <c>direction</c> defaults to <c>both</c>.
/// </summary>
internal sealed record GuardrailRuleBody(string? Kind, string? Pattern, IReadOnlyList<string>? Terms, string? Direction, string? Action, string? Description);

/// <summary>PUT <c>/admin/{tenants|keys}/{id}/guardrail-policy</c>: <c>"rules": null</c> clears the override.</summary>
internal sealed record GuardrailPolicyBody(IReadOnlyList<GuardrailPolicyRuleBody?>? Rules);

internal sealed record GuardrailPolicyRuleBody(string? Type, string? Action, string? Direction, string? FallbackModel, bool? FailOpen);
