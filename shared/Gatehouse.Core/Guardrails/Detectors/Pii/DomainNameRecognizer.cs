using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Domain names and the URLs that carry them: an http(s) URL (up to white space, less trailing punctuation), a host
/// starting with "www.", or a bare host under a generic top-level domain common in prose (.com, .org, .net, .edu, .gov,
/// .mil, .io). Not .info or .app, which code is full of (logger.info, self.app), nor country codes, which file names
/// end like (setup.py, readme.md). The domain of an e-mail address is not a candidate: the e-mail finding covers it.
/// </summary>
internal sealed partial class DomainNameRecognizer : IPiiRecognizer
{
    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        // Every candidate has a dot between two label characters at most 71 characters after its start ("https://" and
        // a 63-character label), so the pattern is tried only at word starts before such a dot, not at every position;
        // leftmost matches that do not overlap, as a full scan finds them.
        var next = 0;
        for (var dot = text.IndexOf('.'); dot >= 0; dot = dot + 1 < text.Length ? text.IndexOf('.', dot + 1) : -1)
        {
            if (dot == 0 || dot + 1 == text.Length || !IsLabelChar(text[dot - 1]) || !IsLabelChar(text[dot + 1]))
            {
                continue;
            }

            // Before its first dot a candidate has only label characters and "://": start no further back than those go.
            var from = dot - 1;
            while (from > 0 && from > dot - MaxBeforeDot && (IsLabelChar(text[from - 1]) || text[from - 1] is '-' or ':' or '/'))
            {
                from--;
            }

            for (var start = Math.Max(next, from); start < dot; start++)
            {
                if (start == 0 || !char.IsLetterOrDigit(text[start - 1]))
                {
                    if (Candidates().Match(text, start) is { Success: true } match)
                    {
                        next = match.Index + match.Length;
                        Add(text, match.Index, match.Length, matches);
                        break;
                    }
                }
            }
        }
    }

    /// <summary>"https://" and a label of 63 characters.</summary>
    private const int MaxBeforeDot = 71;

    /// <summary>A letter or digit; non-ASCII too, as the ignore-case pattern may match some ('\u212A', the Kelvin sign).</summary>
    private static bool IsLabelChar(char c) => char.IsAsciiLetterOrDigit(c) || c > '\u007f';

    private static void Add(string text, int index, int matchLength, List<PiiMatch> matches)
    {
        var length = matchLength;
        while (length > 0 && text[index + length - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '\'' or '"')
        {
            length--;
        }

        matches.Add(new PiiMatch(PiiTypes.DomainName, index, length, 0.6, "domain name or URL"));
    }

    [GeneratedRegex(
        @"\G(?:\bhttps?://[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?::[0-9]{1,5})?(?:[/?#][^\s<>""]*)?"
        + @"|(?<![\w.@/-])(?:www\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,6}[A-Za-z]{2,24}|(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,6}(?:com|org|net|edu|gov|mil|io))(?![\w@-]|\.[A-Za-z0-9])(?:/[^\s<>""]*)?)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
