using System.Text;

namespace Gatehouse.Guardrails.Redaction;

/// <summary>
/// Replaces the spans of one text that findings to redact or mask cover. Overlapping findings merge into one span
/// covering all of them, named after the widest (a redaction beats a mask: a value partly redacted is not restored).
/// Spans are replaced in one pass from left to right, which gives the same text as replacing right to left with the
/// original offsets, and numbers new placeholders in reading order, so a conversation masks the same way every turn.
/// Findings outside the text (a detector's bug) are left out rather than trusted.
/// </summary>
public static class SpanRewriter
{
    /// <summary>
    /// The rewritten text. <paramref name="vault"/> gives mask placeholders (without one, a mask redacts);
    /// <paramref name="applied"/> receives, for each replaced span, the finding that named it, set to the whole span.
    /// </summary>
    public static string Apply(string text, IEnumerable<GuardrailRewrite> rewrites, RedactionVault? vault, List<GuardrailRewrite>? applied = null)
    {
        var spans = new List<GuardrailRewrite>();
        foreach (var rewrite in rewrites)
        {
            if (rewrite.Start >= 0 && rewrite.Finding.Length > 0 && rewrite.End <= text.Length)
            {
                spans.Add(rewrite);
            }
        }

        if (spans.Count == 0)
        {
            return text;
        }

        spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Finding.Length.CompareTo(a.Finding.Length));
        var result = new StringBuilder(text.Length + (spans.Count * 16));
        var copied = 0;
        for (var i = 0; i < spans.Count;)
        {
            var winner = spans[i];
            var start = winner.Start;
            var end = winner.End;
            for (i++; i < spans.Count && spans[i].Start < end; i++)
            {
                end = Math.Max(end, spans[i].End);
                winner = Wider(winner, spans[i]);
            }

            result.Append(text, copied, start - copied);
            result.Append(winner.Action == GuardrailAction.Mask && vault is not null
                ? vault.Mask(winner.Finding.Type, text[start..end])
                : PlaceholderFormat.Redacted(winner.Finding.Type));
            copied = end;
            applied?.Add(winner.Start == start && winner.End == end ? winner : winner with { Finding = winner.Finding with { Start = start, Length = end - start } });
        }

        return result.Append(text, copied, text.Length - copied).ToString();
    }

    private static GuardrailRewrite Wider(GuardrailRewrite a, GuardrailRewrite b)
    {
        if (a.Action != b.Action)
        {
            return a.Action == GuardrailAction.Redact ? a : b;
        }

        return b.Finding.Length > a.Finding.Length ? b : a;
    }
}
