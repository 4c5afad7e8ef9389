namespace Gatehouse.Guardrails;

/// <summary>
/// What a policy decided about one request: the findings, each detector's run, the per-detector, per-type
/// <see cref="Outcomes"/>, and the decided <see cref="Action"/> (null when nothing was found) with the
/// <see cref="Rule"/> that decided it.
/// </summary>
public sealed record GuardrailVerdict(
    IReadOnlyList<DetectorFinding> Findings,
    IReadOnlyList<DetectorRun> Runs,
    IReadOnlyList<GuardrailOutcome> Outcomes,
    GuardrailAction? Action,
    GuardrailRule? Rule)
{
    /// <summary>The alias to serve the request with instead, when the verdict is a fallback.</summary>
    public string? FallbackModel => Action == GuardrailAction.Fallback ? Rule?.FallbackModel : null;

    /// <summary>
    /// For the <c>x-gatehouse-guardrails</c> header: <c>detector:TYPE=action</c> for each finding type acted on,
    /// comma-separated, or <c>none</c>. Names and actions only.
    /// </summary>
    public string Summary =>
        Outcomes.Where(o => o.Action is not null).Select(o => $"{o.Detector}:{o.Type}={o.Action}").ToList() is { Count: > 0 } acted
            ? string.Join(",", acted)
            : "none";

    /// <summary>The finding types that <paramref name="action"/> was taken for.</summary>
    public IReadOnlyList<string> TypesFor(GuardrailAction action) =>
        [.. Outcomes.Where(o => o.Action == GuardrailActions.Name(action)).Select(o => o.Type!).Distinct(StringComparer.Ordinal)];
}
