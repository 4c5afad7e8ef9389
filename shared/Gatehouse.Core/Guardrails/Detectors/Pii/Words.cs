namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Word scanning for the recognizers of names, places, organisations and groups. A word is letters and combining marks
/// (text reaches the recognizers NFKD-folded, so accents are marks) with inner apostrophes or hyphens ("O'Brien",
/// "Jean-Luc"), less a possessive "'s"; a single capital followed by a dot ("T.") is a word too, an initial.
/// </summary>
internal static class Words
{
    /// <summary>The next word at or after <paramref name="from"/>; false when there is none.</summary>
    public static bool Next(string text, int from, out int start, out int end)
    {
        start = from;
        while (start < text.Length && !IsLetter(text[start]))
        {
            start++;
        }

        end = start;
        while (end < text.Length && (IsWordChar(text[end]) || (IsJoiner(text[end]) && end + 1 < text.Length && IsLetter(text[end + 1]) && end > start)))
        {
            end++;
        }

        if (end == start + 1 && end < text.Length && text[end] == '.' && char.IsUpper(text[start]))
        {
            end++; // an initial
        }
        else if (end - start > 2 && text[end - 1] is 's' or 'S' && text[end - 2] is '\'' or '\u2019')
        {
            end -= 2; // a possessive: "Anna's" is Anna
        }

        return start < text.Length;
    }

    /// <summary>Starts with a capital letter (Title case or all capitals).</summary>
    public static bool IsCapitalized(string text, int start) => char.IsUpper(text[start]);

    /// <summary>True when only one space (or a space after a comma-free initial) separates the two words.</summary>
    public static bool Adjacent(string text, int previousEnd, int nextStart) => nextStart == previousEnd + 1 && text[previousEnd] == ' ';

    /// <summary>ASCII answered without the Unicode tables: most text is ASCII, and every character is asked about.</summary>
    private static bool IsLetter(char c) => char.IsAsciiLetter(c) || (c > '\u007f' && char.IsLetter(c));

    private static bool IsWordChar(char c) =>
        char.IsAsciiLetter(c) || (c > '\u007f' && (char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark));

    private static bool IsJoiner(char c) => c is '\'' or '\u2019' or '-';
}
