namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// One recognizer's hit in one text: the type, where, how sure, and why (never the matched text). Scores also settle
/// overlaps (see <see cref="PiiOverlaps"/>), so a checksum-validated type scores above a context-only one.
/// </summary>
internal readonly record struct PiiMatch(string Type, int Start, int Length, double Score, string Explanation)
{
    public int End => Start + Length;
}
