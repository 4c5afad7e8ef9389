using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// A person's age, 1-125, in the phrasings that say it is one: "42 years old", "42-year-old", "42 y/o", "aged 42",
/// "age: 42", "at the age of 42", "turned 42". The finding covers the number only.
/// </summary>
internal sealed partial class AgeRecognizer : IPiiRecognizer
{
    private static readonly PiiStarts Starts = new("age", "tur");

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        // Tried only where a phrase can start (a digit run, or a word starting like "age" or "turn"), not at every
        // position; leftmost matches that do not overlap, as a full scan finds them.
        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return;
        }

        var starts = Starts.In(text);
        for (var i = starts.Next(0); i >= 0; i = starts.Next(i + 1))
        {
            if (Phrases().Match(text, i) is not { Success: true } match)
            {
                continue;
            }

            i += match.Length - 1;
            var number = match.Groups["n"];
            if (int.TryParse(number.ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var age) && age is >= 1 and <= 125)
            {
                matches.Add(new PiiMatch(PiiTypes.Age, number.Index, number.Length, 0.6, "a person's age"));
            }
        }
    }

    [GeneratedRegex(
        @"\G\b(?:(?<n>[0-9]{1,3})[ -]?(?:years?|yrs?)[ -]old\b|(?<n>[0-9]{1,3})[ ]?y/?o\b|(?:aged?|age[ ]of|age:|age[ ]is|turn(?:ed|ing|s)?)[ ]+(?<n>[0-9]{1,3})(?![0-9]|[.,:/-][0-9]|[ ]?(?:%|percent|pages?|times|minutes|hours|degrees)))",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, PiiPatterns.TimeoutMs)]
    private static partial Regex Phrases();
}
