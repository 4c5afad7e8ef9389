using System.Buffers;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Helpers for the recognizers that try their pattern (anchored with <c>\G</c>) only at the positions where a match can
/// start, instead of letting the regex try every position of the text: a full scan costs far more than the few tries.
/// </summary>
internal static class PiiScan
{
    /// <summary>
    /// The word at <paramref name="i"/> starts with one of the three-letter prefixes (ASCII, any case), or has a
    /// non-ASCII character among its first three, which an ignore-case pattern might match to an ASCII letter.
    /// </summary>
    public static bool StartsLike(string text, int i, params ReadOnlySpan<string> prefixes)
    {
        var head = text.AsSpan(i, Math.Min(3, text.Length - i));
        if (head.ContainsAnyExceptInRange('\u0000', '\u007f'))
        {
            return true;
        }

        foreach (var prefix in prefixes)
        {
            if (head.Equals(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many ASCII digits run from <paramref name="start"/>.</summary>
    public static int DigitRun(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - start;
    }

    /// <summary>The first position at or after <paramref name="from"/> holding one of <paramref name="values"/> (or, <paramref name="except"/>, none of them); -1 when there is none.</summary>
    public static int IndexFrom(string text, int from, SearchValues<char> values, bool except = false)
    {
        if (from >= text.Length)
        {
            return -1;
        }

        var found = except ? text.AsSpan(from).IndexOfAnyExcept(values) : text.AsSpan(from).IndexOfAny(values);
        return found < 0 ? -1 : from + found;
    }

    /// <summary>Not right after a letter or digit.</summary>
    public static bool StartsWord(string text, int i) => i == 0 || !char.IsLetterOrDigit(text[i - 1]);

}
