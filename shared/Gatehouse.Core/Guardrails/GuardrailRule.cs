namespace Gatehouse.Guardrails;

/// <summary>A validated <see cref="GuardrailRuleOptions"/>, as the policy applies it.</summary>
public sealed record GuardrailRule(string Type, GuardrailAction Action, string? FallbackModel, bool FailOpen)
{
    /// <summary>Whether this rule acts on what <paramref name="detector"/> reports (so the detector must run for it).</summary>
    public bool Needs(IGuardrailDetector detector) => Type == GuardrailFindingTypes.Any || detector.FindingTypes.Contains(Type);
}
