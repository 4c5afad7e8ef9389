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

    /// <summary>
    /// Every date contains a digit, so the pattern is tried only where a date can start near one (a digit run's
    /// start, or a word up to a month name's length before it) rather than at every position; leftmost matches that
    /// do not overlap, as a full regex scan finds them.
    /// </summary>
    public static List<(int Start, int Length)> Find(string text)
    {
        var found = new List<(int Start, int Length)>();
        var next = 0;
        for (var digit = text.AsSpan().IndexOfAnyInRange('0', '9'); digit >= 0; digit = NextRun(text, digit))
        {
            var before = digit;
            while (before > 0 && text[before - 1] == ' ')
            {
                before--;
            }

            for (var start = Math.Max(next, before - MaxMonthChars); start <= digit; start++)
            {
                if (start == before && start < digit)
                {
                    start = digit; // spaces: no date starts there
                }

                if ((start > 0 && char.IsLetterOrDigit(text[start - 1]))
                    || (start < digit && !PiiScan.StartsLike(text, start, Months)))
                {
                    continue; // a date starts a word (the pattern's look-behind), with a digit or a month name
                }

                next = start + 1; // tried: the windows of the next digit runs need not try it again

                var match = Anchored().Match(text, start);
                if (match.Success)
                {
                    if (IsValid(match))
                    {
                        found.Add((match.Index, match.Length));
                    }

                    next = match.Index + match.Length;
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The start of the digit run after the one at <paramref name="digit"/>, or -1.</summary>
    private static int NextRun(string text, int digit)
    {
        while (digit < text.Length && char.IsAsciiDigit(text[digit]))
        {
            digit++;
        }

        var next = text.AsSpan(digit).IndexOfAnyInRange('0', '9');
        return next < 0 ? -1 : digit + next;
    }

    private static bool IsValid(Match match)
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
    private static partial Regex Anchored();
}
