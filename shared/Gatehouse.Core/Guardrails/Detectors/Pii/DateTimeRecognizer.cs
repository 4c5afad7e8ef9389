using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Dates and times that are not dates of birth (those score higher and win the overlap): valid dates
/// (<see cref="PiiDates"/>), weekday names, clock times (10:30, 9:15 pm) and a year after "in", "during", "since" and
/// the like. Low score: a date alone rarely identifies anyone.
/// </summary>
internal sealed partial class DateTimeRecognizer : IPiiRecognizer
{
    private static readonly PiiStarts Starts = new("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        foreach (var (start, length) in PiiDates.Find(text))
        {
            matches.Add(new PiiMatch(PiiTypes.DateTime, start, length, 0.5, "calendar date"));
        }

        // Tried only where one can start (a digit run, or a word starting like a weekday), not at every position;
        // leftmost matches that do not overlap, as a full scan finds them.
        var starts = Starts.In(text);
        for (var i = starts.Next(0); i >= 0; i = starts.Next(i + 1))
        {
            if ((!char.IsAsciiDigit(text[i]) || MayStartTimeOrYear(text, i)) && Others().Match(text, i) is { Success: true } match)
            {
                matches.Add(new PiiMatch(PiiTypes.DateTime, match.Index, match.Length, 0.4, "weekday, time of day or year"));
                i += match.Length - 1;
            }
        }
    }

    /// <summary>What the pattern needs at a digit, checked without the regex: "9:" or "10:" (a time), or "19xx"/"20xx" (a year).</summary>
    private static bool MayStartTimeOrYear(string text, int digit)
    {
        var run = PiiScan.DigitRun(text, digit);
        return run is 1 or 2
            ? digit + run < text.Length && text[digit + run] == ':'
            : run == 4 && ((text[digit] == '1' && text[digit + 1] == '9') || (text[digit] == '2' && text[digit + 1] == '0'));
    }

    [GeneratedRegex(
        @"\G\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?<![0-9:.])(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:[ ]?[ap]\.?m\.?)?(?![0-9:])|(?<=\b(?:in|during|since|until|till|by|year|early|late|mid)[ ])(?:19|20)[0-9]{2}(?![\w-]))\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, PiiPatterns.TimeoutMs)]
    private static partial Regex Others();
}
