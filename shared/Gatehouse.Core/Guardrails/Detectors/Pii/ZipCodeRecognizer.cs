using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Postal codes, which look like any short number, so only with "ZIP", "postal code", "postcode" or the like up to 15
/// characters before: US ZIP and ZIP+4, 3-6 digit codes (with an inner space or dash, or two trailing letters as in the
/// Netherlands), UK and Canadian alphanumeric codes.
/// </summary>
internal sealed partial class ZipCodeRecognizer : IPiiRecognizer
{
    private static readonly ContextWords Context = new("zip", "zip code", "zipcode", "postal code", "postcode", "post code", "postal", "plz", "cep");

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        if (!Context.AnyIn(text))
        {
            return;
        }

        foreach (var match in Candidates().EnumerateMatches(text))
        {
            if (Context.Before(text, match.Index, 15))
            {
                matches.Add(new PiiMatch(PiiTypes.ZipCode, match.Index, match.Length, 0.6, "postal code next to a postal-code word"));
            }
        }
    }

    [GeneratedRegex(
        @"(?<![\w-])(?:[0-9]{3,6}(?:[ -][0-9]{2,4}|[ ][A-Z]{2})?|[A-Z]{1,2}[0-9][A-Z0-9]?[ ]?[0-9][A-Z]{2}|[A-Z][0-9][A-Z][ ]?[0-9][A-Z][0-9])(?![\w-])",
        RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
