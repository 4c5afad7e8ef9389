namespace Gatehouse.Guardrails;

/// <summary>
/// What a policy decided about one request's input (or one answer): the findings, each detector's run, the
/// per-detector, per-type <see cref="Outcomes"/>, the decided <see cref="Action"/> (null when nothing was acted on)
/// with the <see cref="Rule"/> that decided it, and the findings whose text is to be masked or redacted.
/// </summary>
public sealed record GuardrailVerdict(
    IReadOnlyList<DetectorFinding> Findings,
    IReadOnlyList<DetectorRun> Runs,
    IReadOnlyList<GuardrailOutcome> Outcomes,
    GuardrailAction? Action,
    GuardrailRule? Rule)
{
    /// <summary>Every finding whose action is redact or mask, in the order found (carried out unless the verdict blocks).</summary>
    public IReadOnlyList<GuardrailRewrite> Rewrites { get; init; } = [];

    /// <summary>The alias to serve the request with instead, when the verdict is a fallback.</summary>
    public string? FallbackModel => Action == GuardrailAction.Fallback ? Rule?.FallbackModel : null;

    /// <summary>
    /// For the <c>x-gatehouse-guardrails</c> header: <c>detector:TYPE=action</c> for each finding type acted on,
    /// comma-separated, or <c>none</c>. Names and actions only.
    /// </summary>
    public string Summary => SummaryOf(Outcomes);

    /// <summary>The finding types that <paramref name="action"/> was taken for.</summary>
    public IReadOnlyList<string> TypesFor(GuardrailAction action) =>
        [.. Outcomes.Where(o => o.Action == GuardrailActions.Name(action)).Select(o => o.Type!).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The verdict with each outcome's <see cref="GuardrailOutcome.Count"/> set from the rewrites carried out
    /// (<paramref name="applied"/>: one per replaced span, overlapping findings counted once).
    /// </summary>
    public GuardrailVerdict WithCounts(IReadOnlyList<GuardrailRewrite> applied)
    {
        if (applied.Count == 0)
        {
            return this;
        }

        var counted = new List<GuardrailOutcome>(Outcomes.Count);
        foreach (var outcome in Outcomes)
        {
            var count = 0;
            foreach (var rewrite in applied)
            {
                count += rewrite.Finding.Detector == outcome.Detector && rewrite.Finding.Type == outcome.Type ? 1 : 0;
            }

            counted.Add(count > 0 ? outcome with { Count = count } : outcome);
        }

        return this with { Outcomes = counted };
    }

    /// <summary>
    /// The verdict as a block of the types it was to redact or mask, for text where a rewrite is not safe: tool-call
    /// arguments, JSON the client parses, which a replaced span could break. Fails closed rather than let the value out.
    /// </summary>
    public GuardrailVerdict BlockingRewrites()
    {
        var rewritten = Rewrites.Select(r => (r.Finding.Detector, r.Finding.Type)).ToHashSet();
        var block = GuardrailActions.Name(GuardrailAction.Block);
        List<GuardrailOutcome> outcomes = [.. Outcomes.Select(o => rewritten.Contains((o.Detector, o.Type!)) ? o with { Action = block } : o)];
        return this with { Outcomes = outcomes, Action = GuardrailAction.Block, Rewrites = [] };
    }

    /// <summary>The header form of any outcome list: acted-on lines as <c>detector:TYPE=action</c>, or <c>none</c>.</summary>
    public static string SummaryOf(IEnumerable<GuardrailOutcome> outcomes) =>
        outcomes.Where(o => o.Action is not null).Select(o => $"{o.Detector}:{o.Type}={o.Action}").Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } acted
            ? string.Join(",", acted)
            : "none";
}
