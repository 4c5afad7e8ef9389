using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Dates and times that are not dates of birth (those score higher and win the overlap): valid dates
/// (<see cref="PiiDates"/>), weekday names, clock times (10:30, 9:15 pm) and a year after "in", "during", "since" and
/// the like. Low score: a date alone rarely identifies anyone.
/// </summary>
internal sealed partial class DateTimeRecognizer : IPiiRecognizer
{
    public void Recognize(string text, List<PiiMatch> matches)
    {
        foreach (var (start, length) in PiiDates.Find(text))
        {
            matches.Add(new PiiMatch(PiiTypes.DateTime, start, length, 0.5, "calendar date"));
        }

        // Tried only where one can start (a digit run, or a word starting like a weekday), not at every position;
        // leftmost matches that do not overlap, as a full scan finds them.
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var candidate = char.IsAsciiDigit(c)
                ? i == 0 || !char.IsAsciiDigit(text[i - 1])
                : (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && PiiScan.StartsLike(text, i, "mon", "tue", "wed", "thu", "fri", "sat", "sun");
            if (candidate && Others().Match(text, i) is { Success: true } match)
            {
                matches.Add(new PiiMatch(PiiTypes.DateTime, match.Index, match.Length, 0.4, "weekday, time of day or year"));
                i += match.Length - 1;
            }
        }
    }

    [GeneratedRegex(
        @"\G\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?<![0-9:.])(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:[ ]?[ap]\.?m\.?)?(?![0-9:])|(?<=\b(?:in|during|since|until|till|by|year|early|late|mid)[ ])(?:19|20)[0-9]{2}(?![\w-]))\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, PiiPatterns.TimeoutMs)]
    private static partial Regex Others();
}
