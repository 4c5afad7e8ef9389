namespace Gatehouse.Guardrails;

/// <summary>
/// What a detector found: its <paramref name="Type"/> (e.g. <see cref="GuardrailFindingTypes.DenyTerm"/>), where (the
/// <paramref name="Segment"/>'s index in <see cref="GuardrailInput.Segments"/>, then <paramref name="Start"/> and
/// <paramref name="Length"/> in its text; -1 and 0 for a failed detector), how sure it is (0 to 1), and why.
/// <paramref name="Explanation"/> never holds the matched text: findings reach logs and audit records.
/// </summary>
public sealed record DetectorFinding(string Detector, string Type, int Segment, int Start, int Length, double Score, string Explanation)
{
    /// <summary>
    /// The action the finding carries itself, for detectors whose rules come with one (a tenant's custom rules); the
    /// policy applies it when none of its own rules names the type. Null for ordinary detectors.
    /// </summary>
    public GuardrailAction? Action { get; init; }
}
