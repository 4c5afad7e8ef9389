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

    public void Recognize(string text, List<PiiMatch> matches)
    {
        // libphonenumber reads the whole text it is given, which costs most of this detector's time; it is given only
        // the stretches where digits cluster enough to make a number (7 or more, with at most a few separators between
        // them), each with a margin, so what it sees around a number is what it would have seen in the whole text.
        foreach (var (start, length) in DigitClusters(text))
        {
            foreach (var found in Util.FindNumbers(text.Substring(start, length), "US", PhoneNumberUtil.Leniency.VALID, MaxTries))
            {
                matches.Add(new PiiMatch(PiiTypes.Phone, start + found.Start, found.Length, 0.8, "phone number (valid in its numbering plan)"));
            }
        }

        // Tried only where a number can start ('+', '(' or a digit run), not at every position; leftmost matches that do
        // not overlap, as a full scan finds them.
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var candidate = (c is '+' or '(' || (char.IsAsciiDigit(c) && (i == 0 || !char.IsAsciiDigit(text[i - 1]))))
                && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));
            if (!candidate || Candidates().Match(text, i) is not { Success: true } match)
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
    /// Stretches of the text holding at least <see cref="MinDigits"/> digits with no gap of more than
    /// <see cref="MaxGap"/> other characters between them, widened by <see cref="Margin"/> characters each side.
    /// </summary>
    private static List<(int Start, int Length)> DigitClusters(string text)
    {
        var clusters = new List<(int, int)>();
        var i = text.AsSpan().IndexOfAnyInRange('0', '9');
        while (i >= 0 && i < text.Length)
        {
            int first = i, last = i, digits = 0;
            for (var j = i; j < text.Length && j - last <= MaxGap; j++)
            {
                if (char.IsAsciiDigit(text[j]))
                {
                    digits++;
                    last = j;
                }
            }

            if (digits >= MinDigits)
            {
                var start = Math.Max(0, first - Margin);
                var end = Math.Min(text.Length, last + 1 + Margin);
                if (clusters.Count > 0 && clusters[^1].Item1 + clusters[^1].Item2 >= start)
                {
                    start = clusters[^1].Item1;
                    clusters.RemoveAt(clusters.Count - 1);
                }

                clusters.Add((start, end - start));
            }

            var next = last + 1 >= text.Length ? -1 : text.AsSpan(last + 1).IndexOfAnyInRange('0', '9');
            i = next < 0 ? -1 : last + 1 + next;
        }

        return clusters;
    }

    private const int MinDigits = 7;
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
