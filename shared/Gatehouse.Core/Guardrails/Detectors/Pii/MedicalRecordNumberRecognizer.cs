using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Medical record numbers: no format is shared between hospitals, so an identifier of 6-10 digits, optionally after
/// up to three letters ("MR1234567", "AB-123456"), counts only with "MRN", "medical record", "patient ID", "chart #"
/// or the like up to 30 characters before it.
/// </summary>
internal sealed partial class MedicalRecordNumberRecognizer : IPiiRecognizer
{
    private static readonly ContextWords Context = new(
        "mrn", "mrn#", "medical record", "medical records", "med rec", "health record", "patient id", "patient number",
        "patient no", "patient #", "patient identifier", "chart #", "chart number", "chart no", "hospital number");

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
                matches.Add(new PiiMatch(PiiTypes.MedicalRecordNumber, match.Index, match.Length, 0.8, "identifier next to a medical-record word"));
            }
        }
    }

    [GeneratedRegex(@"(?<![\w-])(?:[A-Za-z]{1,3}-?)?[0-9]{6,10}(?![\w-])", RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
