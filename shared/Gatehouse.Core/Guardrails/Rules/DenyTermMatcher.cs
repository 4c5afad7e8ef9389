using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using Gatehouse.Guardrails.Detectors;

namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// Finds a <c>deny_list</c> rule's terms in a <see cref="TermText"/>: whole words only ("falcon" is not found in
/// "falcons"), ignoring case, a phrase's words matching across any white space. A regex alternation of 500 terms of
/// 200 characters is more than the linear-time engine builds, and the backtracking one timed out (50 ms) on a 32 KB
/// prompt with 500 short terms, so the terms are searched for at once with <see cref="SearchValues{T}"/> (a vectorised
/// multi-string search), and each hit is checked against the set of terms of each length and its word boundaries.
/// </summary>
internal sealed class DenyTermMatcher
{
    private readonly SearchValues<string> _search;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _terms;
    private readonly int[] _lengths;

    private DenyTermMatcher(IReadOnlyCollection<string> terms)
    {
        _search = SearchValues.Create([.. terms], StringComparison.OrdinalIgnoreCase);
        _terms = terms.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _lengths = [.. terms.Select(t => t.Length).Distinct().OrderDescending()];
    }

    /// <summary>Terms as <see cref="TermText"/> compares them: folded, words separated by one space.</summary>
    public static DenyTermMatcher Create(IEnumerable<string> terms)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var term in terms)
        {
            var words = UnicodeFolding.Fold(term).Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0)
            {
                keys.Add(string.Join(' ', words));
            }
        }

        return keys.Count > 0
            ? new DenyTermMatcher(keys)
            : throw new ArgumentException("A deny list needs at least one term that is not empty once folded.", nameof(terms));
    }

    /// <summary>The first whole-word term at or after <paramref name="from"/> (the longest, where several start there); -1 when none.</summary>
    public (int Start, int Length) Next(string text, int from)
    {
        var span = text.AsSpan();
        while (from < span.Length)
        {
            var found = span[from..].IndexOfAny(_search);
            if (found < 0)
            {
                break;
            }

            var at = from + found;
            foreach (var length in _lengths)
            {
                if (at + length <= span.Length && _terms.Contains(span.Slice(at, length)) && IsWholeWords(span, at, length))
                {
                    return (at, length);
                }
            }

            from = at + 1;
        }

        return (-1, 0);
    }

    /// <summary>As the regex <c>\b</c> sees it: an end that is a word character must not touch another.</summary>
    private static bool IsWholeWords(ReadOnlySpan<char> text, int start, int length)
    {
        var end = start + length;
        return (start == 0 || !IsWordCharacter(text[start]) || !IsWordCharacter(text[start - 1]))
            && (end == text.Length || !IsWordCharacter(text[end - 1]) || !IsWordCharacter(text[end]));
    }

    /// <summary>The regex <c>\w</c> class: letters, non-spacing marks, decimal digits and connector punctuation.</summary>
    private static bool IsWordCharacter(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
}
