using System.Buffers;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// A text's words (<see cref="Words.Next"/>, in order), found in one pass. <see cref="Next"/> answers as
/// <see cref="Words.Next"/> does from the start of the text or from the end of a word, the only places the recognizers
/// ask from, by index rather than by reading characters again.
/// </summary>
internal sealed class PiiWords : IDisposable
{
    private readonly string _text;
    private int[] _starts;
    private int[] _ends;
    private int _count;
    private int _hint;

    public PiiWords(string text)
    {
        _text = text;
        _starts = ArrayPool<int>.Shared.Rent(Math.Max(16, text.Length / 6));
        _ends = ArrayPool<int>.Shared.Rent(_starts.Length);
        for (var position = 0; Words.Next(text, position, out var start, out var end); position = end)
        {
            if (_count == _starts.Length)
            {
                Grow();
            }

            (_starts[_count], _ends[_count]) = (start, end);
            _count++;
        }
    }

    /// <summary>The first word starting at or after <paramref name="from"/> (the start of the text or a word's end); false when there is none.</summary>
    public bool Next(int from, out int start, out int end)
    {
        // Callers mostly walk forward a word at a time, so the word after the last one given is tried first.
        var index = _hint < _count && _starts[_hint] >= from && (_hint == 0 || _starts[_hint - 1] < from) ? _hint : FirstFrom(from);
        if (index >= _count)
        {
            (start, end) = (_text.Length, _text.Length);
            return false;
        }

        (start, end, _hint) = (_starts[index], _ends[index], index + 1);
        return true;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_starts);
        ArrayPool<int>.Shared.Return(_ends);
        (_starts, _ends, _count) = ([], [], 0);
    }

    private int FirstFrom(int from)
    {
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            (low, high) = _starts[middle] < from ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    private void Grow()
    {
        var starts = ArrayPool<int>.Shared.Rent(_starts.Length * 2);
        var ends = ArrayPool<int>.Shared.Rent(_starts.Length * 2);
        _starts.AsSpan(0, _count).CopyTo(starts);
        _ends.AsSpan(0, _count).CopyTo(ends);
        ArrayPool<int>.Shared.Return(_starts);
        ArrayPool<int>.Shared.Return(_ends);
        (_starts, _ends) = (starts, ends);
    }
}
