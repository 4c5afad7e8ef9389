using System.Buffers;
using System.Collections.Frozen;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Words or phrases a recognizer needs near a candidate before it believes it ("SSN" before nine digits, "DOB" before a
/// date): matched ignoring case, as whole words (a phrase ending in "#" or ":" needs no boundary there), within a
/// window of characters before or after the candidate. Scans only the window, so cost does not grow with the text.
/// </summary>
internal sealed class ContextWords(params string[] words)
{
    /// <summary>All the words in one vectorised multi-string search: one pass over the text instead of one per word.</summary>
    private readonly SearchValues<string> _anyWord = SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The words by their last character, upper-cased as ignore-case comparison does, so <see cref="JustBefore"/>
    /// compares only the few that can end where it looks.
    /// </summary>
    private readonly FrozenDictionary<char, string[]> _byLastChar = words
        .GroupBy(word => char.ToUpperInvariant(word[^1]))
        .ToFrozenDictionary(group => group.Key, group => group.ToArray());

    /// <summary>
    /// True when any of the words occurs anywhere in the text (as a substring, a vectorised search): recognizers that
    /// need context skip their pattern scan altogether when it is false, which most texts are.
    /// </summary>
    public bool AnyIn(string text) => text.AsSpan().ContainsAny(_anyWord);

    public bool Before(string text, int start, int window) => Any(text, Math.Max(0, start - window), start);

    public bool After(string text, int end, int window) => Any(text, end, Math.Min(text.Length, end + window));

    /// <summary>
    /// True when one of the words ends right before <paramref name="start"/>: only white space between, and before that
    /// at most one of the <paramref name="punctuation"/> characters ("Name: Anna", "Mr. Smith", "Regards,\nAnna").
    /// </summary>
    public bool JustBefore(string text, int start, string punctuation = "")
    {
        var end = SkipSpaces(text, start);
        if (end > 0 && punctuation.Contains(text[end - 1], StringComparison.Ordinal))
        {
            end = SkipSpaces(text, end - 1);
        }

        if (end == 0 || !_byLastChar.TryGetValue(char.ToUpperInvariant(text[end - 1]), out var endingHere))
        {
            return false;
        }

        foreach (var word in endingHere)
        {
            var from = end - word.Length;
            if (from >= 0 && text.AsSpan(from, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase) && IsWholeWord(text, from, end))
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipSpaces(string text, int end)
    {
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    private bool Any(string text, int from, int to)
    {
        var span = text.AsSpan(from, to - from);
        foreach (var word in words)
        {
            var offset = 0;
            for (var at = span.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = span[offset..].IndexOf(word, StringComparison.OrdinalIgnoreCase))
            {
                var start = from + offset + at;
                if (IsWholeWord(text, start, start + word.Length))
                {
                    return true;
                }

                offset += at + 1;
            }
        }

        return false;
    }

    private static bool IsWholeWord(string text, int start, int end) =>
        (start == 0 || !char.IsLetterOrDigit(text[start]) || !char.IsLetterOrDigit(text[start - 1]))
        && (end == text.Length || !char.IsLetterOrDigit(text[end - 1]) || !char.IsLetterOrDigit(text[end]));
}
