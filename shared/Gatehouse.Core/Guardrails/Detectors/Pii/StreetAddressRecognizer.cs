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
    public void Recognize(string text, List<PiiMatch> matches)
    {
        // Every address has a house, unit or box number; and starts a word with a digit or a capital, so the patterns
        // are tried only there, not at every position (leftmost matches that do not overlap, as a full scan finds them).
        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (StartsWord(text, i) && (char.IsAsciiDigit(text[i]) || char.IsUpper(text[i]) || text[i] > '\u007f')
                && Streets().Match(text, i) is { Success: true } match)
            {
                matches.Add(new PiiMatch(PiiTypes.StreetAddress, match.Index, match.Length, 0.6, "street address"));
                i += match.Length - 1;
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (StartsWord(text, i) && text[i] is 'A' or 'S' or 'P' && Units().Match(text, i) is { Success: true } match)
            {
                matches.Add(new PiiMatch(PiiTypes.StreetAddress, match.Index, match.Length, 0.5, "apartment, suite or post-office box"));
                i += match.Length - 1;
            }
        }
    }

    /// <summary>Not right after a letter or digit: the patterns' look-behind needs that (and more, which they check).</summary>
    private static bool StartsWord(string text, int i) => i == 0 || !char.IsLetterOrDigit(text[i - 1]);

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
