using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// E-mail addresses: an RFC 5322 dot-atom local part (at most 64 characters, starting with a letter or digit, so code
/// such as <c>`@router.get</c> is not one; no trailing or doubled dot), then a domain of hyphenated labels ending in a
/// top-level domain of two or more letters (at most 253 characters).
/// </summary>
internal sealed partial class EmailRecognizer : IPiiRecognizer
{
    public void Recognize(string text, List<PiiMatch> matches)
    {
        foreach (var match in Candidates().EnumerateMatches(text))
        {
            var value = text.AsSpan(match.Index, match.Length);
            var at = value.IndexOf('@');
            var local = value[..at];
            if (local.Length <= 64 && char.IsLetterOrDigit(local[0]) && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal)
                && value.Length - at - 1 <= 253)
            {
                matches.Add(new PiiMatch(PiiTypes.Email, match.Index, match.Length, 0.95, "e-mail address"));
            }
        }
    }

    [GeneratedRegex(
        @"(?<![\w.+%'-])[\w!#$%&'*+/=?^`{|}~.-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])",
        RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
