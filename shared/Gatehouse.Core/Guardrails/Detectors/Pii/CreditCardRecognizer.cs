using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Payment card numbers: 12 to 19 digits, optionally grouped by single spaces or dashes, that pass the Luhn check and
/// start with a known issuer range at a length that issuer uses (<see cref="CardIssuers"/>). A run of digits that is
/// part of a longer number is not a candidate. When grouped digits run on into another number ("4111 1111 1111 1111
/// 123"), the longest run of whole groups that is a valid card counts.
/// </summary>
internal sealed partial class CreditCardRecognizer : IPiiRecognizer
{
    private const int MaxGroups = 42;

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        Span<int> starts = stackalloc int[MaxGroups + 1];
        foreach (var match in Candidates().EnumerateMatches(text))
        {
            // Group i spans starts[i] up to the separator before starts[i + 1].
            var groups = 0;
            starts[groups++] = match.Index;
            for (var i = match.Index; i < match.Index + match.Length && groups < MaxGroups; i++)
            {
                if (!char.IsAsciiDigit(text[i]))
                {
                    starts[groups++] = i + 1;
                }
            }

            starts[groups] = match.Index + match.Length + 1;
            for (var first = 0; first < groups; first++)
            {
                if (Longest(text, starts, first, groups) is var last and >= 0)
                {
                    var start = starts[first];
                    var end = starts[last + 1] - 1;
                    matches.Add(new PiiMatch(PiiTypes.CreditCard, start, end - start, 1.0, "payment card number (Luhn-valid, known issuer range)"));
                    first = last;
                }
            }
        }
    }

    /// <summary>The last group of the longest valid card that starts at group <paramref name="first"/>, or -1.</summary>
    private static int Longest(string text, Span<int> starts, int first, int groups)
    {
        Span<char> digits = stackalloc char[19];
        for (var last = groups - 1; last >= first; last--)
        {
            var count = 0;
            for (var i = starts[first]; i < starts[last + 1] - 1 && count <= digits.Length; i++)
            {
                if (char.IsAsciiDigit(text[i]))
                {
                    if (count == digits.Length)
                    {
                        count++;
                        break;
                    }

                    digits[count++] = text[i];
                }
            }

            if (count is >= 12 and <= 19 && CardIssuers.IsKnown(digits[..count]) && Luhn.IsValid(digits[..count]))
            {
                return last;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"(?<![\w.,-]|[0-9][ -])[0-9](?:[ -]?[0-9]){11,40}(?![\w]|[ -][0-9])", RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex Candidates();
}
