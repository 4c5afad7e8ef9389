namespace Gatehouse.Guardrails;

/// <summary>
/// Finds things in text and says what it found; never decides what happens to the request (the policy does, see
/// <see cref="GuardrailPolicy"/>) and never edits the text. Registered with <c>TryAddEnumerable</c>; a policy runs the
/// detectors whose <see cref="FindingTypes"/> one of its rules acts on.
/// </summary>
public interface IGuardrailDetector
{
    /// <summary>The detector's name in headers and audit records, e.g. <see cref="Detectors.DetectorNames.DenyList"/>.</summary>
    string Name { get; }

    /// <summary>
    /// The finding types it can report (e.g. <see cref="GuardrailFindingTypes.DenyTerm"/>): policy rules name types,
    /// so this says which detectors a policy needs, and lets start-up reject a rule for a type nothing reports.
    /// </summary>
    IReadOnlySet<string> FindingTypes { get; }

    ValueTask<IReadOnlyList<DetectorFinding>> InspectAsync(GuardrailInput input, CancellationToken cancellationToken);
}
