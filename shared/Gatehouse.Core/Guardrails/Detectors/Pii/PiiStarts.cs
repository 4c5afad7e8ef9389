using System.Buffers;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// The positions where a pattern that begins a word (<c>\b</c>) with a digit or with one of some words can start, found
/// with vectorised searches rather than by testing every character: the word starts (<see cref="PiiScan.StartsWord"/>)
/// that are digits, or for which <see cref="PiiScan.StartsLike"/> holds. Used forward only.
/// </summary>
internal sealed class PiiStarts(params string[] prefixes)
{
    private readonly string[] _prefixes = prefixes;
    private readonly SearchValues<string> _anyPrefix = SearchValues.Create(prefixes, StringComparison.OrdinalIgnoreCase);

    /// <summary>A walk over one text; <see cref="Cursor.Next"/> gives the next start at or after a position.</summary>
    public Cursor In(string text) => new(this, text);

    public struct Cursor(PiiStarts starts, string text)
    {
        // The next candidate of each kind at or after where the last search began (-1: none left; int.MinValue: not searched).
        private int _digit = int.MinValue;
        private int _word = int.MinValue;
        private int _nonAscii = int.MinValue;

        /// <summary>The first start at or after <paramref name="from"/>, or -1. Calls must not move backwards.</summary>
        public int Next(int from)
        {
            var digit = NextDigitWord(from);
            var word = NextWord(from);
            return digit < 0 ? word : word < 0 ? digit : Math.Min(digit, word);
        }

        private int NextDigitWord(int from)
        {
            while (_digit != -1 && (_digit < from || !PiiScan.StartsWord(text, _digit)))
            {
                var at = Math.Max(from, _digit + 1);
                _digit = Search(text, at, static span => span.IndexOfAnyInRange('0', '9'));
            }

            return _digit;
        }

        /// <summary>A word start that begins with a prefix, or has a non-ASCII character among its first three.</summary>
        private int NextWord(int from)
        {
            while (_word != -1 && (_word < from || !PiiScan.StartsWord(text, _word)))
            {
                var at = Math.Max(from, _word + 1);
                var values = starts._anyPrefix;
                _word = at >= text.Length ? -1 : text.AsSpan(at).IndexOfAny(values) is var found and >= 0 ? at + found : -1;
            }

            var nonAscii = NextNonAsciiStart(from);
            return _word < 0 ? nonAscii : nonAscii < 0 ? _word : Math.Min(_word, nonAscii);
        }

        /// <summary>The first word start at or after <paramref name="from"/> with a non-ASCII character among its first three.</summary>
        private int NextNonAsciiStart(int from)
        {
            while (_nonAscii != -1)
            {
                if (_nonAscii == int.MinValue || _nonAscii < from)
                {
                    var at = Math.Max(from, _nonAscii + 1);
                    _nonAscii = Search(text, at, static span => span.IndexOfAnyExceptInRange('\u0000', '\u007f'));
                    continue;
                }

                // A word starting up to two characters before the character has it among its first three.
                for (var start = Math.Max(from, _nonAscii - 2); start <= _nonAscii; start++)
                {
                    if (PiiScan.StartsWord(text, start))
                    {
                        return start;
                    }
                }

                _nonAscii = Search(text, _nonAscii + 1, static span => span.IndexOfAnyExceptInRange('\u0000', '\u007f'));
            }

            return -1;
        }

        private static int Search(string text, int from, SpanSearch search)
        {
            if (from >= text.Length)
            {
                return -1;
            }

            var found = search(text.AsSpan(from));
            return found < 0 ? -1 : from + found;
        }

        private delegate int SpanSearch(ReadOnlySpan<char> span);
    }
}
