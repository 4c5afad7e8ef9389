using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// International bank account numbers: a country code that issues IBANs, two check digits and the account part, with or
/// without spaces every four characters, exactly as long as that country's IBANs (<see cref="IbanLengths"/>), and
/// passing the mod-97 check (<see cref="Mod97"/>). Upper case, as printed and as banks validate them.
/// </summary>
internal sealed partial class IbanRecognizer : IPiiRecognizer
{
    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        Span<char> compact = stackalloc char[34];
        foreach (var match in Candidates().EnumerateMatches(text))
        {
            var expected = IbanLengths.Of(text.AsSpan(match.Index, 2));
            if (expected == 0)
            {
                continue;
            }

            // Take characters up to the country's length; a grouped IBAN may run on into a following word or number.
            var count = 0;
            var end = match.Index;
            for (; end < match.Index + match.Length && count < expected; end++)
            {
                if (text[end] != ' ')
                {
                    compact[count++] = text[end];
                }
            }

            var endsCleanly = end == match.Index + match.Length || text[end] == ' ';
            if (count == expected && endsCleanly && Mod97.IsValidIban(compact[..count]))
            {
                matches.Add(new PiiMatch(PiiTypes.Iban, match.Index, end - match.Index, 1.0, "IBAN (country length and mod-97 check)"));
            }
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]){11,30}(?![A-Za-z0-9])", RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
