using System.Buffers;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Phone numbers, three ways. libphonenumber finds numbers that are valid in their numbering plan (US by default, any
/// country when written with "+"). A number written with "+" that libphonenumber only calls possible (right length
/// for the country code) also counts. Any other phone-shaped run of 7 to 15 digits (spaces, dots, dashes, brackets, an
/// extension) counts only next to a phone word: "phone", "mobile", "fax", "call me", "Office" after it, ...
/// </summary>
internal sealed partial class PhoneRecognizer : IPiiRecognizer
{
    /// <summary>How many candidates libphonenumber examines per text at most (its own guard against long inputs).</summary>
    private const long MaxTries = 200;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly ContextWords Context = new(
        "phone", "phones", "telephone", "tel", "tel.", "mobile", "mob", "cell", "cellphone", "fax", "landline", "hotline",
        "call", "calls", "called", "calling", "text me", "sms", "whatsapp", "contact", "reach me", "dial", "office", "desk",
        "home", "work", "message", "messages", "ph", "ph.");

    /// <summary>The highest score this recognizer gives: a number inside a match that scores above it loses the overlap anyway.</summary>
    private const double MaxScore = 0.8;

    private static readonly SearchValues<char> CandidateStarts = SearchValues.Create("+(0123456789");

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        // libphonenumber reads the whole text it is given, which costs most of this detector's time; it is given only
        // the stretches where a valid number can be (see DigitClusters), each with a margin, so what it sees around a
        // number is what it would have seen in the whole text.
        foreach (var (start, length) in DigitClusters(text, matches))
        {
            foreach (var number in Util.FindNumbers(text.Substring(start, length), "US", PhoneNumberUtil.Leniency.VALID, MaxTries))
            {
                matches.Add(new PiiMatch(PiiTypes.Phone, start + number.Start, number.Length, MaxScore, "phone number (valid in its numbering plan)"));
            }
        }

        // Tried only where a number can start ('+', '(' or a digit run), not at every position; leftmost matches that do
        // not overlap, as a full scan finds them.
        for (var i = text.AsSpan().IndexOfAny(CandidateStarts); i >= 0; i = PiiScan.IndexFrom(text, i + 1, CandidateStarts))
        {
            var c = text[i];
            var candidate = (c is '+' or '(' || i == 0 || !char.IsAsciiDigit(text[i - 1])) && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));
            if (!candidate || !HasEnoughDigits(text, i) || Candidates().Match(text, i) is not { Success: true } match)
            {
                continue;
            }

            i += match.Length - 1;
            var value = text.AsSpan(match.Index, match.Length);
            var digits = Digits(value);
            if (digits is < 7 or > 15)
            {
                continue;
            }

            if (value[0] == '+' && IsPossibleInternational(value))
            {
                matches.Add(new PiiMatch(PiiTypes.Phone, match.Index, match.Length, 0.7, "international phone number (possible length for its country code)"));
            }
            else if (Context.Before(text, match.Index, 30) || Context.After(text, match.Index + match.Length, 10))
            {
                matches.Add(new PiiMatch(PiiTypes.Phone, match.Index, match.Length, 0.6, "phone-shaped number next to a phone word"));
            }
        }
    }

    /// <summary>
    /// At least 7 digits among the characters a candidate is made of before its extension ("+0123456789 .-()"), from
    /// <paramref name="start"/> on: fewer, and no candidate starting here, nor inside it, could count. Checked before
    /// the regex, which costs far more.
    /// </summary>
    private static bool HasEnoughDigits(string text, int start)
    {
        var digits = 0;
        for (var i = start; i < text.Length && digits < 7; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not ('+' or ' ' or '.' or '-' or '(' or ')'))
            {
                break;
            }
        }

        return digits >= 7;
    }

    /// <summary>
    /// Stretches of the text where libphonenumber could find a valid number, widened by <see cref="Margin"/> characters
    /// each side: digits with no gap of more than <see cref="MaxGap"/> other characters between them (its candidates
    /// allow at most four separators), at least <see cref="MinNationalDigits"/> of them, since a number valid in the US
    /// without a country code has ten, or <see cref="MinDigits"/> with a '+' or the US exit code 011 in reach. Digits
    /// inside a higher-scoring match already found (a card, an IBAN, an IP address) are not counted: a number there
    /// would lose the overlap.
    /// </summary>
    private static List<(int Start, int Length)> DigitClusters(string text, List<PiiMatch> matches)
    {
        var clusters = new List<(int, int)>();
        var claimed = new ClaimedSpans(matches);
        var i = claimed.NextDigit(text, 0);
        while (i >= 0)
        {
            int first = i, last = i, digits = 0;
            for (; i >= 0 && i - last <= MaxGap; i = claimed.NextDigit(text, i + 1))
            {
                digits++;
                last = i;
            }

            var start = Math.Max(0, first - Margin);
            var end = Math.Min(text.Length, last + 1 + Margin);
            var window = text.AsSpan(start, end - start);
            if (digits >= MinNationalDigits || (digits >= MinDigits && (window.ContainsAny('+', '\uFF0B') || window.Contains("011", StringComparison.Ordinal))))
            {
                if (clusters.Count > 0 && clusters[^1].Item1 + clusters[^1].Item2 >= start)
                {
                    start = clusters[^1].Item1;
                    clusters.RemoveAt(clusters.Count - 1);
                }

                clusters.Add((start, end - start));
            }
        }

        return clusters;
    }

    /// <summary>The spans of the higher-scoring matches, walked forward once as the clusters are built.</summary>
    private struct ClaimedSpans(List<PiiMatch> matches)
    {
        private readonly (int Start, int End)[] _spans = [.. matches.Where(m => m.Score > MaxScore).Select(m => (m.Start, m.End)).Order()];
        private int _next;

        /// <summary>The next digit at or after <paramref name="from"/> that no claimed span covers, or -1. Calls must move forward.</summary>
        public int NextDigit(string text, int from)
        {
            while (from < text.Length)
            {
                var next = text.AsSpan(from).IndexOfAnyInRange('0', '9');
                if (next < 0)
                {
                    return -1;
                }

                from += next;
                while (_next < _spans.Length && _spans[_next].End <= from)
                {
                    _next++;
                }

                if (_next == _spans.Length || _spans[_next].Start > from)
                {
                    return from;
                }

                from = _spans[_next].End;
            }

            return -1;
        }
    }

    private const int MinDigits = 7;
    private const int MinNationalDigits = 10;
    private const int MaxGap = 6;
    private const int Margin = 24;

    /// <summary>Digits before any extension.</summary>
    private static int Digits(ReadOnlySpan<char> value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (c is 'x' or 'X' or 'e' or '#')
            {
                break;
            }

            count += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return count;
    }

    private static bool IsPossibleInternational(ReadOnlySpan<char> value)
    {
        try
        {
            return Util.IsPossibleNumber(Util.Parse(value.ToString(), "ZZ"));
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    [GeneratedRegex(
        @"\G(?<![\w+.-])(?:\+[0-9]{1,3}[ .-]?)?(?:\(0\)[ ]?)?(?:\([0-9]{1,5}\)[ .-]?)?[0-9]{1,15}(?:[ .-][0-9]{1,10}){0,6}(?:[ ]?(?:x|ext\.?|#)[ ]?[0-9]{1,6})?(?![\w]|[.-][0-9])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
