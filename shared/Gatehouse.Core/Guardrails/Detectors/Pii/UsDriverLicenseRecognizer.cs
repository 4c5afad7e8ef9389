using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// US driver's licence numbers. The states' formats together cover almost any short identifier (one or two letters and
/// 4-14 digits, 7-13 digits, Florida's and Wisconsin's dashed forms, ...), so a candidate counts only with "driver's
/// license", "DL", "license number" or the like up to 30 characters before it. With that context it outranks an
/// SSN-shaped number, which some states' numbers are.
/// </summary>
internal sealed partial class UsDriverLicenseRecognizer : IPiiRecognizer
{
    private static readonly ContextWords Context = new(
        "driver's license", "drivers license", "driver license", "driver's licence", "drivers licence", "driver licence",
        "driving license", "driving licence", "dl", "dl#", "dl #", "dln", "license number", "licence number", "license no",
        "licence no", "license #", "licence #", "lic #", "lic no");

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        if (!Context.AnyIn(text))
        {
            return;
        }

        foreach (var match in Candidates().EnumerateMatches(text))
        {
            if (Context.Before(text, match.Index, 30))
            {
                matches.Add(new PiiMatch(PiiTypes.UsDriverLicense, match.Index, match.Length, 0.92, "licence-shaped number next to a driver's-license word"));
            }
        }
    }

    [GeneratedRegex(
        @"(?<![\w-])(?:[A-Z][0-9]{3}-[0-9]{3}-[0-9]{2}-[0-9]{3}-[0-9]|[A-Z][0-9]{3}-[0-9]{4}-[0-9]{4}-[0-9]{2}|[A-Z]{1,2}[- ]?[0-9]{4,14}|[0-9]{7,13}|[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}|[0-9]{3}[- ][0-9]{3}[- ][0-9]{3})(?![\w-])",
        RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
