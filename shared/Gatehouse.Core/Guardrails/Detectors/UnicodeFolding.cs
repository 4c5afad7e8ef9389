using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Gatehouse.Guardrails.Detectors;

/// <summary>
/// Folds text the way Unicode compatibility normalisation does, so that look-alike spellings of a term match it:
/// full-width letters (ｊａｉｌ), font variants (𝐣𝐚𝐢𝐥), ligatures (ﬁ), circled and super- or subscript forms, precomposed
/// against combining accents. The result is NFKD (full compatibility decomposition, marks in canonical order), which two
/// strings share exactly when their NFKC forms are equal. Default-ignorable characters (zero-width spaces and joiners,
/// soft hyphens) are dropped, as NFKC_Casefold drops them, so they cannot split a term. Case is left to the matcher.
/// Each folded character remembers where it came from, so a match points into the original text.
/// <see cref="string.Normalize(NormalizationForm)"/> cannot do this here: under InvariantGlobalization it returns its
/// input unchanged.
/// </summary>
internal static class UnicodeFolding
{
    private const int HangulFirst = 0xAC00;
    private const int HangulCount = 11172;
    private const int HangulTrailCount = 28;
    private const int HangulVowelTrailCount = 21 * HangulTrailCount;

    private static readonly FrozenDictionary<int, int[]> Decompositions = ParseDecompositions(UnicodeFoldingData.Decompositions);
    private static readonly FrozenDictionary<int, int> CombiningClasses = ParseCombiningClasses(UnicodeFoldingData.CombiningClasses);
    private static readonly byte[] BmpCombiningClasses = BmpTable(CombiningClasses);
    private static readonly (int First, int Last)[] Ignorables = [.. Records(UnicodeFoldingData.Ignorables).Select(Range)];

    /// <summary>One bit per BMP character that folding changes or looks at again (decomposes, is ignorable, or is a mark):
    /// every other character is copied with one bit test, which keeps CJK and other non-Latin prompts cheap.</summary>
    private static readonly ulong[] Special = SpecialCharacters();

    public static FoldedText Fold(string text)
    {
        // Nothing below U+00A0 decomposes or is ignorable, so most prompts are used as they are.
        if (text.AsSpan().IndexOfAnyExceptInRange('\0', '\u009F') < 0)
        {
            return new FoldedText(text, text, null);
        }

        var folded = new Builder(text.Length + (text.Length / 4) + 16); // room for some expansion without regrowing
        for (var i = 0; i < text.Length;)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var codePoint = width == 2 ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i]; // a lone surrogate stays as it is
            if (width == 1 && (Special[codePoint >> 6] & (1UL << codePoint)) == 0)
            {
                folded.Add(codePoint, i, mark: false);
            }
            else
            {
                Decompose(codePoint, i, folded);
            }

            i += width;
        }

        return folded.ToFoldedText(text);
    }

    private static void Decompose(int codePoint, int start, Builder folded)
    {
        if (codePoint is >= HangulFirst and < HangulFirst + HangulCount)
        {
            var index = codePoint - HangulFirst;
            folded.Add(0x1100 + (index / HangulVowelTrailCount), start, mark: false);
            folded.Add(0x1161 + (index % HangulVowelTrailCount / HangulTrailCount), start, mark: false);
            if (index % HangulTrailCount != 0)
            {
                folded.Add(0x11A7 + (index % HangulTrailCount), start, mark: false);
            }
        }
        else if (Decompositions.TryGetValue(codePoint, out var parts))
        {
            foreach (var part in parts)
            {
                Add(part);
            }
        }
        else
        {
            Add(codePoint);
        }

        void Add(int part)
        {
            if (!IsIgnorable(part))
            {
                folded.Add(part, start, mark: CombiningClass(part) != 0);
            }
        }
    }

    private static int CombiningClass(int codePoint) =>
        codePoint < BmpCombiningClasses.Length ? BmpCombiningClasses[codePoint] : CombiningClasses.GetValueOrDefault(codePoint);

    private static bool IsIgnorable(int codePoint)
    {
        if (codePoint < Ignorables[0].First)
        {
            return false;
        }

        foreach (var (first, last) in Ignorables)
        {
            if (codePoint >= first && codePoint <= last)
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] BmpTable(FrozenDictionary<int, int> classes)
    {
        var table = new byte[0x10000];
        foreach (var (codePoint, value) in classes.Where(entry => entry.Key < table.Length))
        {
            table[codePoint] = (byte)value;
        }

        return table;
    }

    private static ulong[] SpecialCharacters()
    {
        var bits = new ulong[0x10000 / 64];
        var special = Decompositions.Keys.Concat(CombiningClasses.Keys)
            .Concat(Ignorables.SelectMany(range => Enumerable.Range(range.First, range.Last - range.First + 1)))
            .Concat(Enumerable.Range(0xD800, 0x800)) // surrogates: pairs are decoded the long way
            .Concat(Enumerable.Range(HangulFirst, HangulCount));
        foreach (var codePoint in special.Where(c => c < 0x10000))
        {
            bits[codePoint >> 6] |= 1UL << codePoint;
        }

        return bits;
    }

    /// <summary>
    /// Collects folded code points with where in the original each came from, keeping each run of combining marks in
    /// canonical order (a stable insertion by combining class), then writes them out as UTF-16.
    /// </summary>
    private sealed class Builder(int capacity)
    {
        private int[] _codePoints = new int[capacity];
        private int[] _starts = new int[capacity];
        private int _count;

        public void Add(int codePoint, int start, bool mark)
        {
            if (_count == _codePoints.Length)
            {
                Array.Resize(ref _codePoints, _count + (_count / 2));
                Array.Resize(ref _starts, _count + (_count / 2));
            }

            var at = _count++;
            if (mark)
            {
                var weight = CombiningClass(codePoint);
                for (; at > 0 && CombiningClass(_codePoints[at - 1]) > weight; at--)
                {
                    _codePoints[at] = _codePoints[at - 1];
                    _starts[at] = _starts[at - 1];
                }
            }

            _codePoints[at] = codePoint;
            _starts[at] = start;
        }

        public FoldedText ToFoldedText(string original)
        {
            var length = 0;
            for (var i = 0; i < _count; i++)
            {
                length += _codePoints[i] > 0xFFFF ? 2 : 1;
            }

            var text = new char[length];
            var starts = new int[length];
            for (int i = 0, unit = 0; i < _count; i++)
            {
                var codePoint = _codePoints[i];
                if (codePoint > 0xFFFF)
                {
                    text[unit] = (char)(0xD800 + ((codePoint - 0x10000) >> 10));
                    starts[unit++] = _starts[i];
                    codePoint = 0xDC00 + ((codePoint - 0x10000) & 0x3FF);
                }

                text[unit] = (char)codePoint;
                starts[unit++] = _starts[i];
            }

            return new FoldedText(new string(text), original, starts);
        }
    }

    private static FrozenDictionary<int, int[]> ParseDecompositions(string table)
    {
        var map = new Dictionary<int, int[]>();
        foreach (var record in Records(table))
        {
            var (source, target) = Split(record);
            var (first, last) = Range(source);
            var parts = target.Split(' ').Select(Hex).ToArray();
            for (var codePoint = first; codePoint <= last; codePoint++)
            {
                map[codePoint] = first == last ? parts : [parts[0] + (codePoint - first)];
            }
        }

        return map.ToFrozenDictionary();
    }

    private static FrozenDictionary<int, int> ParseCombiningClasses(string table)
    {
        var map = new Dictionary<int, int>();
        foreach (var record in Records(table))
        {
            var (source, value) = Split(record);
            var (first, last) = Range(source);
            for (var codePoint = first; codePoint <= last; codePoint++)
            {
                map[codePoint] = int.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return map.ToFrozenDictionary();
    }

    private static string[] Records(string table) =>
        table.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (string, string) Split(string record)
    {
        var colon = record.IndexOf(':', StringComparison.Ordinal);
        return (record[..colon], record[(colon + 1)..]);
    }

    private static (int First, int Last) Range(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (Hex(text), Hex(text)) : (Hex(text[..dash]), Hex(text[(dash + 1)..]));
    }

    private static int Hex(string text) => int.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
