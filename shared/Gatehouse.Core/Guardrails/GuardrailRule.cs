namespace Gatehouse.Guardrails;

/// <summary>A validated <see cref="GuardrailRuleOptions"/>, as the policy applies it.</summary>
public sealed record GuardrailRule(string Type, GuardrailAction Action, string? FallbackModel, bool FailOpen)
{
    /// <summary>The one direction the rule applies to; null (the default) for both.</summary>
    public GuardrailDirection? Direction { get; init; }

    /// <summary>Whether this rule acts on what <paramref name="detector"/> reports (so the detector must run for it).</summary>
    public bool Needs(IGuardrailDetector detector) => Type == GuardrailFindingTypes.Any || detector.FindingTypes.Contains(Type);

    /// <summary>
    /// Whether the rule acts on text travelling <paramref name="direction"/>. A fallback re-routes a request, so it has
    /// nothing to do on an answer: a <c>both</c> fallback rule is an input rule.
    /// </summary>
    public bool AppliesTo(GuardrailDirection direction) =>
        (Direction is null || Direction == direction) && !(Action == GuardrailAction.Fallback && direction == GuardrailDirection.Output);
}
