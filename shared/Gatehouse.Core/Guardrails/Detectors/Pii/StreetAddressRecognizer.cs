using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Street addresses, the parts that have a recognisable shape: a house number, up to four capitalised words and a
/// street type ("221B Baker Street", "1600 Pennsylvania Ave NW"), optionally followed by an apartment or suite; a
/// continental street name ending in a street word and a house number ("Hauptstraße 5", "Herengracht 12",
/// "Via Roma 10"); or an apartment, suite or P.O. box on its own. City, region and postcode lines are not matched here.
/// </summary>
internal sealed partial class StreetAddressRecognizer : IPiiRecognizer
{
    /// <summary>Every ASCII character but digits and capitals: what the scan for a possible start skips over.</summary>
    private static readonly SearchValues<char> NotStarts = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 128).Select(c => (char)c).Where(c => !char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))));

    private static readonly SearchValues<char> UnitInitials = SearchValues.Create("ASP");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ContinentalPrefixWords =
        ContinentalPrefixes.Split('|').ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        // Every address has a house, unit or box number; and starts a word with a digit or a capital, so the patterns
        // are tried only where the shape around such a start allows a match (see MayStartStreet), not at every
        // position; leftmost matches that do not overlap, as a full scan finds them.
        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return;
        }

        for (var i = PiiScan.IndexFrom(text, 0, NotStarts, except: true); i >= 0; i = PiiScan.IndexFrom(text, i + 1, NotStarts, except: true))
        {
            if (MayStartStreet(text, i) && Streets().Match(text, i) is { Success: true } match)
            {
                matches.Add(new PiiMatch(PiiTypes.StreetAddress, match.Index, match.Length, 0.6, "street address"));
                i += match.Length - 1;
            }
        }

        for (var i = PiiScan.IndexFrom(text, 0, UnitInitials); i >= 0; i = PiiScan.IndexFrom(text, i + 1, UnitInitials))
        {
            if (MayStartUnit(text, i) && Units().Match(text, i) is { Success: true } match)
            {
                matches.Add(new PiiMatch(PiiTypes.StreetAddress, match.Index, match.Length, 0.5, "apartment, suite or post-office box"));
                i += match.Length - 1;
            }
        }
    }

    /// <summary>
    /// What <see cref="Streets"/> needs at a word start, checked without the regex: a house number followed by a
    /// space (after an optional letter or "-12"); a continental prefix word ("Via"); or a capitalised word run followed
    /// by a space and a number, which a continental suffix ("...straße 5") needs.
    /// </summary>
    private static bool MayStartStreet(string text, int i)
    {
        if (!PiiScan.StartsWord(text, i))
        {
            return false;
        }

        if (char.IsAsciiDigit(text[i]))
        {
            var end = i + PiiScan.DigitRun(text, i);
            end += end < text.Length && char.IsAsciiLetter(text[end]) ? 1 : 0;
            if (end + 1 < text.Length && text[end] == '-' && char.IsAsciiDigit(text[end + 1]))
            {
                end += 1 + PiiScan.DigitRun(text, end + 1);
            }

            return end < text.Length && text[end] == ' ';
        }

        if (!char.IsUpper(text[i]))
        {
            return false;
        }

        var letters = i;
        while (letters < text.Length && char.IsAsciiLetter(text[letters]))
        {
            letters++;
        }

        if (ContinentalPrefixWords.Contains(text.AsSpan(i, letters - i)))
        {
            return true;
        }

        var run = i + 1;
        while (run < text.Length && IsNameChar(text[run]))
        {
            run++;
        }

        run += run < text.Length && text[run] == '.' ? 1 : 0;
        if (run >= text.Length || text[run] != ' ')
        {
            return false;
        }

        while (run < text.Length && text[run] == ' ')
        {
            run++;
        }

        return run < text.Length && char.IsAsciiDigit(text[run]);
    }

    /// <summary>The characters of <c>[\p{L}\p{M}'’-]</c>, a street name's letters.</summary>
    private static bool IsNameChar(char c) =>
        char.IsLetter(c) || c is '\'' or '\u2019' or '-'
        || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>What <see cref="Units"/> needs at a word start: "Apt", "Apartment", "Suite", "Ste" or "P" then "O".</summary>
    private static bool MayStartUnit(string text, int i)
    {
        if (!PiiScan.StartsWord(text, i))
        {
            return false;
        }

        var rest = text.AsSpan(i);
        if (text[i] == 'P')
        {
            rest = rest[1..].TrimStart('.').TrimStart(' ');
            return rest.StartsWith('O');
        }

        return rest.StartsWith("Apt", StringComparison.Ordinal) || rest.StartsWith("Apartment", StringComparison.Ordinal)
            || rest.StartsWith("Suite", StringComparison.Ordinal) || rest.StartsWith("Ste", StringComparison.Ordinal);
    }

    /// <summary>Street types; the abbreviations may carry a dot ("St."), which then belongs to the address.</summary>
    private const string StreetTypes =
        "Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Square|Terrace|Way|Parkway|Highway|Circle|Trail|Crescent|Close"
        + "|Grove|Gardens|Row|Walk|Plaza|Path|Pike|Loop|Alley|Heights|Ridge|Mews|Crossing|Expressway|Freeway|Turnpike"
        + "|Route|Wharf|Quay|Causeway|Esplanade|Promenade|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Sq|Ter|Pkwy|Hwy|Cir|Trl|Cres|Rte)\\.?";

    private const string ContinentalSuffixes =
        "stra(?:ß|ss)e|str\\.|gasse|weg|allee|platz|damm|ufer|straat|laan|plein|gracht|kade|singel|vej|gade|gatan"
        + "|v(?:a\u0308|ä|a)gen|veien|vegen|gata|katu|tie|utca|ulica";

    private const string ContinentalPrefixes = "Via|Viale|Piazza|Corso|Calle|Avenida|Rua|Rue|Chemin|Paseo|Carrer|Largo|Travessa|Plac|Ulica";

    private const string Unit = @"(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm)\.?[ ]?#?[ ]?[0-9]{1,5}[A-Za-z]?";

    [GeneratedRegex(
        @"\G(?<![\w.-])(?:[0-9]{1,6}[A-Za-z]?(?:-[0-9]{1,4})?[ ]+(?:(?:N|S|E|W|North|South|East|West)\.?[ ]+)?(?:[\p{Lu}0-9][\p{L}\p{M}'’.-]*[ ]+){0,4}(?:" + StreetTypes + @")(?:[ ]+(?:NE|NW|SE|SW|N|S|E|W))?"
        + @"|[\p{Lu}][\p{L}\p{M}'’-]*(?:" + ContinentalSuffixes + @")[ ]+[0-9]{1,5}[A-Za-z]?"
        + @"|(?:" + ContinentalPrefixes + @")[ ]+(?:[\p{L}\p{M}'’.-]+[ ]+){0,4}[0-9]{1,5}[A-Za-z]?)(?:,?[ ]+" + Unit + @")?(?![\w])",
        RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex Streets();

    /// <summary>On its own, only the unmistakable kinds, capitalised: "room 5" or "unit 3 of the course" are not addresses.</summary>
    [GeneratedRegex(@"\G(?<![\w.-])(?:(?:Apt|Apartment|Suite|Ste)\.?[ ]?#?[ ]?[0-9]{1,5}[A-Za-z]?|P\.?[ ]?O\.?[ ]?Box[ ]+[0-9]{1,6})(?![\w])", RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex Units();
}
