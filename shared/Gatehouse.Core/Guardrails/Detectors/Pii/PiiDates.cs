using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Calendar dates as people write them, for <see cref="DateOfBirthRecognizer"/> and <see cref="DateTimeRecognizer"/>:
/// 2024-05-31 (with an optional time), 2024/05/31, 5/31/2024 or 31.05.24 (valid read either way round), May 31, 2024
/// and 31st of May 2024. A candidate counts only when its month and day exist and a four-digit year is 1800-2199.
/// </summary>
internal static partial class PiiDates
{
    /// <summary>Letters a month name has at most, with its dot ("september."): how far before a day a date can start.</summary>
    private const int MaxMonthChars = 10;

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Where a date can start: a word that is a digit or starts like a month name.</summary>
    private static readonly PiiStarts Starts = new(Months);

    /// <summary>
    /// Every date starts a word with a digit or a month name, and has a digit at most a month name's length (and some
    /// spaces) after its start, so the pattern is tried only there rather than at every position; leftmost matches that
    /// do not overlap, as a full regex scan finds them.
    /// </summary>
    public static List<(int Start, int Length)> Find(string text)
    {
        var found = new List<(int Start, int Length)>();
        var starts = Starts.In(text);
        var digit = -1;
        for (var start = starts.Next(0); start >= 0; start = starts.Next(start + 1))
        {
            if (digit < start)
            {
                digit = text.AsSpan(start).IndexOfAnyInRange('0', '9') is var next and >= 0 ? start + next : int.MaxValue;
            }

            if (digit == int.MaxValue)
            {
                break; // no digit left, so no date
            }

            if (digit > start ? start < BeforeSpaces(text, digit) - MaxMonthChars : !MayStartNumericDate(text, start))
            {
                continue; // a month name this far from the next number is not part of a date; nor is this number
            }

            var match = Anchored().Match(text, start);
            if (match.Success)
            {
                if (IsValid(match))
                {
                    found.Add((match.Index, match.Length));
                }

                start = match.Index + match.Length - 1;
            }
        }

        return found;
    }

    /// <summary>
    /// The shapes the pattern's numeric forms need at a digit, checked without the regex (a failed regex try costs about
    /// a microsecond): four digits then '-' or '/' and a digit (2024-05-31); one or two digits, a separator, one or two
    /// digits, the same separator and a two- or four-digit year (5/31/24); or one or two digits, at most two more
    /// characters (an ordinal suffix), spaces and "of" or a month name (31st of May 2024).
    /// </summary>
    private static bool MayStartNumericDate(string text, int digit)
    {
        var run = PiiScan.DigitRun(text, digit);
        var after = digit + run;
        if (run == 4)
        {
            return after + 1 < text.Length && text[after] is '-' or '/' && char.IsAsciiDigit(text[after + 1]);
        }

        if (run > 2 || after >= text.Length)
        {
            return false;
        }

        if (text[after] is '/' or '.' or '-')
        {
            var second = PiiScan.DigitRun(text, after + 1);
            var close = after + 1 + second;
            if (second is not (1 or 2) || close >= text.Length || text[close] != text[after])
            {
                return false;
            }

            var year = PiiScan.DigitRun(text, close + 1);
            var end = close + 1 + year;
            return year is 2 or 4 && !(end + 1 < text.Length && text[end] is '.' or '-' && char.IsAsciiDigit(text[end + 1]));
        }

        // "31st of May", "5 June": an ordinal suffix at most, spaces, then "of" or a month name.
        var next = after;
        while (next < text.Length && next < after + 2 && !char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        if (next >= text.Length || text[next] != ' ')
        {
            return false;
        }

        while (next < text.Length && text[next] == ' ')
        {
            next++;
        }

        return next < text.Length && (PiiScan.StartsLike(text, next, Months) || text.AsSpan(next).StartsWith("of", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Where the spaces right before <paramref name="digit"/> begin.</summary>
    private static int BeforeSpaces(string text, int digit)
    {
        while (digit > 0 && text[digit - 1] == ' ')
        {
            digit--;
        }

        return digit;
    }

    internal static bool IsValid(Match match)
    {
        var year = match.Groups["y"].ValueSpan;
        if (year.Length == 4 && (Number(year) is < 1800 or > 2199))
        {
            return false;
        }

        if (match.Groups["mon"].Success)
        {
            return Number(match.Groups["d"].ValueSpan) is >= 1 and <= 31;
        }

        if (match.Groups["m"].Success)
        {
            return IsDay(Number(match.Groups["m"].ValueSpan), Number(match.Groups["d"].ValueSpan));
        }

        // a/b/y: month first (US) or day first (most other places); either reading will do.
        var a = Number(match.Groups["a"].ValueSpan);
        var b = Number(match.Groups["b"].ValueSpan);
        return IsDay(a, b) || IsDay(b, a);
    }

    private static bool IsDay(int month, int day) => month is >= 1 and <= 12 && day >= 1 && day <= (month == 2 ? 29 : month is 4 or 6 or 9 or 11 ? 30 : 31);

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private const string Month = @"(?<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

    [GeneratedRegex(
        @"\G(?<![\w/.:-])(?:(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?|(?<y>[0-9]{4})/(?<m>[0-9]{1,2})/(?<d>[0-9]{1,2})"
        + @"|(?<a>[0-9]{1,2})(?<s>[/.-])(?<b>[0-9]{1,2})\k<s>(?<y>[0-9]{4}|[0-9]{2})"
        + @"|" + Month + @"[ ]+(?<d>[0-9]{1,2})(?:st|nd|rd|th)?,?[ ]+(?<y>[0-9]{4})"
        + @"|(?<d>[0-9]{1,2})(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?" + Month + @",?[ ]+(?<y>[0-9]{4}))(?![\w/:]|[.-][0-9])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, PiiPatterns.TimeoutMs)]
    internal static partial Regex Anchored();
}
