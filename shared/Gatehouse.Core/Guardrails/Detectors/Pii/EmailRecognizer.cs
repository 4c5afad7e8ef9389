using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// E-mail addresses: an RFC 5322 dot-atom local part (at most 64 characters, starting with a letter or digit, so code
/// such as <c>`@router.get</c> is not one; no trailing or doubled dot), then a domain of hyphenated labels ending in a
/// top-level domain of two or more letters (at most 253 characters).
/// </summary>
internal sealed partial class EmailRecognizer : IPiiRecognizer
{
    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        // Every address has an '@' at most 64 characters after its start, so the pattern is tried only at the word starts
        // in the 64 characters before each '@'; leftmost matches that do not overlap, as a full scan finds them.
        var next = 0;
        for (var at = text.IndexOf('@'); at >= 0; at = at + 1 < text.Length ? text.IndexOf('@', at + 1) : -1)
        {
            for (var start = Math.Max(next, at - 64); start < at; start++)
            {
                if (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '_' or '.' or '+' or '%' or '\'' or '-'))
                {
                    continue; // the pattern's look-behind
                }

                if (Candidates().Match(text, start) is { Success: true } match)
                {
                    next = match.Index + match.Length;
                    Validate(text, match.Index, match.Length, matches);
                    break;
                }
            }
        }
    }

    private static void Validate(string text, int index, int length, List<PiiMatch> matches)
    {
        var value = text.AsSpan(index, length);
        var at = value.IndexOf('@');
        var local = value[..at];
        if (local.Length <= 64 && char.IsLetterOrDigit(local[0]) && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal)
            && value.Length - at - 1 <= 253)
        {
            matches.Add(new PiiMatch(PiiTypes.Email, index, length, 0.95, "e-mail address"));
        }
    }

    [GeneratedRegex(
        @"\G(?<![\w.+%'-])[\w!#$%&'*+/=?^`{|}~.-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])",
        RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
