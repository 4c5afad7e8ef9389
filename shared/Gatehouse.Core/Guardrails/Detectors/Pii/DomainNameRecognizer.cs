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
    public void Recognize(string text, List<PiiMatch> matches)
    {
        foreach (var match in Candidates().EnumerateMatches(text))
        {
            var length = match.Length;
            while (length > 0 && text[match.Index + length - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '\'' or '"')
            {
                length--;
            }

            matches.Add(new PiiMatch(PiiTypes.DomainName, match.Index, length, 0.6, "domain name or URL"));
        }
    }

    [GeneratedRegex(
        @"\bhttps?://[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?::[0-9]{1,5})?(?:[/?#][^\s<>""]*)?"
        + @"|(?<![\w.@/-])(?:www\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,6}[A-Za-z]{2,24}|(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,6}(?:com|org|net|edu|gov|mil|io))(?![\w@-]|\.[A-Za-z0-9])(?:/[^\s<>""]*)?",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
