namespace Gatehouse.Guardrails.Rules;

/// <summary>What is wrong with a custom rule or a policy override: the field (as the admin API names it) and why.</summary>
public sealed record RuleProblem(string Field, string Message);
