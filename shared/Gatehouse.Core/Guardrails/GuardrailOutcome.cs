namespace Gatehouse.Guardrails;

/// <summary>
/// One line of a verdict as headers and audit records show it: a detector and a finding type it reported, with the
/// action the policy took for it (<see cref="GuardrailActions"/> names). A detector that found nothing has one line
/// with no type and no action; a failed one a <see cref="GuardrailFindingTypes.DetectorFailed"/> line. Never any text.
/// </summary>
public sealed record GuardrailOutcome(string Detector, string? Type, string? Action, double DurationMs, bool Failed)
{
    /// <summary><see cref="GuardrailDirections.Input"/> (the prompt) or <see cref="GuardrailDirections.Output"/> (the answer).</summary>
    public string Direction { get; init; } = GuardrailDirections.Input;

    /// <summary>For <c>mask</c> and <c>redact</c>: how many spans of text were replaced; null otherwise.</summary>
    public int? Count { get; init; }
}
