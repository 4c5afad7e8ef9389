namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Nationalities and religious groups (<see cref="PiiGazetteer.Nationalities"/>): "German", "South African", "Muslim".
/// Lower case counts too ("american"), except for words that are everyday English in lower case ("polish", "french
/// fries", "orthodox").
/// </summary>
internal sealed class NrpRecognizer : IPiiRecognizer
{
    private const int MaxWords = 3;

    private static readonly string[] LowerCaseWords = ["polish", "french", "swiss", "pole", "swede", "finn", "turk", "dane", "lao", "catholic", "orthodox", "evangelical", "protestant", "christian"];

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        var words = input.Words;
        Span<int> ends = stackalloc int[MaxWords];
        for (var position = 0; words.Next(position, out var start, out var end); position = end)
        {
            if (!PiiGazetteer.NationalityStarts.Contains(text.AsSpan(start, end - start)))
            {
                continue; // no group's name starts with this word
            }

            var count = 0;
            ends[count++] = end;
            while (count < MaxWords && words.Next(ends[count - 1], out var nextStart, out var nextEnd) && Words.Adjacent(text, ends[count - 1], nextStart))
            {
                ends[count++] = nextEnd;
            }

            for (var i = count - 1; i >= 0; i--)
            {
                var span = text.AsSpan(start, ends[i] - start);
                if (PiiGazetteer.Nationalities.Contains(span) && (Words.IsCapitalized(text, start) || !IsLowerCaseWord(span)))
                {
                    matches.Add(new PiiMatch(PiiTypes.Nrp, start, span.Length, 0.5, "nationality or religious group"));
                    end = ends[i];
                    break;
                }
            }
        }
    }

    private static bool IsLowerCaseWord(ReadOnlySpan<char> word)
    {
        foreach (var lower in LowerCaseWords)
        {
            if (word.SequenceEqual(lower))
            {
                return true;
            }
        }

        return false;
    }
}
