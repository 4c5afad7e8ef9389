namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Settles overlapping matches from different recognizers: the higher score wins (scores rank specificity: a Luhn-valid
/// card beats the phone number its digits also resemble), then the longer match, then the earlier one. Matches that
/// overlap nothing are all kept. The list ends sorted by position.
/// </summary>
internal static class PiiOverlaps
{
    public static void Resolve(List<PiiMatch> matches)
    {
        if (matches.Count < 2)
        {
            return;
        }

        matches.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score)
            : b.Length != a.Length ? b.Length.CompareTo(a.Length)
            : a.Start.CompareTo(b.Start));
        var kept = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            if (!OverlapsAny(matches, kept, matches[i]))
            {
                matches[kept++] = matches[i];
            }
        }

        matches.RemoveRange(kept, matches.Count - kept);
        matches.Sort(static (a, b) => a.Start.CompareTo(b.Start));
    }

    private static bool OverlapsAny(List<PiiMatch> kept, int count, PiiMatch candidate)
    {
        for (var i = 0; i < count; i++)
        {
            if (candidate.Start < kept[i].End && kept[i].Start < candidate.End)
            {
                return true;
            }
        }

        return false;
    }
}
