using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// A person's age, 1-125, in the phrasings that say it is one: "42 years old", "42-year-old", "42 y/o", "aged 42",
/// "age: 42", "at the age of 42", "turned 42". The finding covers the number only.
/// </summary>
internal sealed partial class AgeRecognizer : IPiiRecognizer
{
    public void Recognize(string text, List<PiiMatch> matches)
    {
        for (var match = Phrases().Match(text); match.Success; match = match.NextMatch())
        {
            var number = match.Groups["n"];
            if (int.TryParse(number.ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var age) && age is >= 1 and <= 125)
            {
                matches.Add(new PiiMatch(PiiTypes.Age, number.Index, number.Length, 0.6, "a person's age"));
            }
        }
    }

    [GeneratedRegex(
        @"\b(?:(?<n>[0-9]{1,3})[ -]?(?:years?|yrs?)[ -]old\b|(?<n>[0-9]{1,3})[ ]?y/?o\b|(?:aged?|age[ ]of|age:|age[ ]is|turn(?:ed|ing|s)?)[ ]+(?<n>[0-9]{1,3})(?![0-9]|[.,:/-][0-9]|[ ]?(?:%|percent|pages?|times|minutes|hours|degrees)))",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, PiiPatterns.TimeoutMs)]
    private static partial Regex Phrases();
}
