using System.Collections.Frozen;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// A word list looked up by span, ignoring case, that turns most words away before hashing them: a bitmap of the
/// lists' first three letters (any case; anything else, or the end of a short word, counts as one more symbol) and
/// their shortest and longest lengths. The name recognizers look up most words of a text, and almost none are listed.
/// </summary>
internal sealed class PiiWordSet
{
    private const int Symbols = 27; // A-Z, and "anything else"

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ulong[] _heads = new ulong[((Symbols * Symbols * Symbols) + 63) / 64];
    private readonly int _shortest = int.MaxValue;
    private readonly int _longest;

    public PiiWordSet(IEnumerable<string> words)
    {
        Set = words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _lookup = Set.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var word in Set)
        {
            var head = Head(word);
            _heads[head >> 6] |= 1UL << head;
            _shortest = Math.Min(_shortest, word.Length);
            _longest = Math.Max(_longest, word.Length);
        }
    }

    public FrozenSet<string> Set { get; }

    public bool Contains(ReadOnlySpan<char> word)
    {
        if (word.Length < _shortest || word.Length > _longest)
        {
            return false;
        }

        var head = Head(word);
        return (_heads[head >> 6] & (1UL << head)) != 0 && _lookup.Contains(word);
    }

    /// <summary>The first three characters as one number; characters equal ignoring case give the same number.</summary>
    private static int Head(ReadOnlySpan<char> word) =>
        (Symbol(word, 0) * Symbols * Symbols) + (Symbol(word, 1) * Symbols) + Symbol(word, 2);

    private static int Symbol(ReadOnlySpan<char> word, int index)
    {
        if (index >= word.Length)
        {
            return Symbols - 1;
        }

        // Ignore-case comparison upper-cases each character; a non-ASCII one can become an ASCII letter ('ı' is 'I').
        var upper = word[index] < 128 ? (char)(word[index] & ~0x20) : char.ToUpperInvariant(word[index]);
        return upper is >= 'A' and <= 'Z' ? upper - 'A' : Symbols - 1;
    }
}
