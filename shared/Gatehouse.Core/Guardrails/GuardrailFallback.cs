namespace Gatehouse.Guardrails;

/// <summary>A request re-routed by a <see cref="GuardrailAction.Fallback"/> rule: from the alias asked for, to the rule's, and the finding types why.</summary>
public sealed record GuardrailFallback(string From, string To, IReadOnlyList<string> Reasons);
