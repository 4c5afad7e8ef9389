using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// US social security numbers: ddd-dd-dddd anywhere; ddd dd dddd or ddddddddd only with "SSN", "social security" or
/// the like shortly before. The number must be one the SSA could issue: area not 000, 666 or 900-999, group not 00,
/// serial not 0000, and not one of the numbers publicised as examples (078-05-1120, 219-09-9999, 123-45-6789).
/// </summary>
internal sealed partial class UsSsnRecognizer : IPiiRecognizer
{
    private static readonly ContextWords Context = new("ssn", "ssns", "social security", "social-security", "ss#", "ss #", "ss no", "taxpayer id", "tin");

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        foreach (var match in Candidates().EnumerateMatches(text))
        {
            var value = text.AsSpan(match.Index, match.Length);
            var dashed = value.Length == 11 && value[3] == '-' && value[6] == '-';
            var separated = value.Length == 9 || (value.Length == 11 && value[3] == value[6]);
            if (!separated || !IsIssuable(value))
            {
                continue;
            }

            if (dashed || Context.Before(text, match.Index, 40))
            {
                var explanation = dashed ? "US social security number (ddd-dd-dddd, issuable ranges)" : "US social security number (near SSN context)";
                matches.Add(new PiiMatch(PiiTypes.UsSsn, match.Index, match.Length, dashed ? 0.9 : 0.85, explanation));
            }
        }
    }

    private static bool IsIssuable(ReadOnlySpan<char> value)
    {
        Span<char> digits = stackalloc char[9];
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
        }

        var area = digits[..3];
        return area is not "000" and not "666" && area[0] != '9' && digits[3..5] is not "00" && digits[5..] is not "0000"
            && digits is not "078051120" and not "219099999" and not "123456789";
    }

    [GeneratedRegex(@"(?<![\w-]|[0-9][ ])[0-9]{3}(?:[- ]?)[0-9]{2}(?:[- ]?)[0-9]{4}(?![\w]|-[0-9]|[ ][0-9])", RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
