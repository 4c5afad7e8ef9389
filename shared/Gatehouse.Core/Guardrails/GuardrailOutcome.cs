namespace Gatehouse.Guardrails;

/// <summary>
/// One line of a verdict as headers and audit records show it: a detector and a finding type it reported, with the
/// action the policy took for it (<see cref="GuardrailActions"/> names). A detector that found nothing has one line
/// with no type and no action; a failed one a <see cref="GuardrailFindingTypes.DetectorFailed"/> line. Never any text.
/// </summary>
public sealed record GuardrailOutcome(string Detector, string? Type, string? Action, double DurationMs, bool Failed);
