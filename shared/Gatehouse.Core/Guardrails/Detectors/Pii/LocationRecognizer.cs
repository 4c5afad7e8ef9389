namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Places: up to four capitalised words that name a country, capital, major city or US state
/// (<see cref="PiiGazetteer.Places"/>, longest name first, any capitalisation as long as each word starts with a
/// capital), or up to three capitalised words right after a travel or residence cue ("live in", "moved to", "flew to",
/// "born in", "originally from", ...) that are not everyday words or common first names.
/// </summary>
internal sealed class LocationRecognizer : IPiiRecognizer
{
    private const int MaxCueWords = 3;

    private static readonly ContextWords Cues = new(
        "live in", "lives in", "living in", "lived in", "moved to", "move to", "moving to", "relocated to", "flew to",
        "fly to", "flying to", "travel to", "travelled to", "traveled to", "travelling to", "traveling to", "trip to",
        "visit", "visited", "visiting", "born in", "based in", "located in", "arrived at", "arrived in", "originally from",
        "city of", "town of", "village of", "headed to", "heading to", "resident of", "reside in", "resides in", "near");

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        var words = input.Words;
        for (var position = 0; words.Next(position, out var start, out var end); position = end)
        {
            if (!Words.IsCapitalized(text, start))
            {
                continue;
            }

            if (LongestPlace(words, text, start, end) is var placeEnd and > 0)
            {
                matches.Add(new PiiMatch(PiiTypes.Location, start, placeEnd - start, 0.55, "place name"));
                end = placeEnd;
            }
            else if (Cues.JustBefore(text, start) && IsPlaceWord(text.AsSpan(start, end - start)))
            {
                end = CapitalizedRun(words, text, end, MaxCueWords - 1);
                matches.Add(new PiiMatch(PiiTypes.Location, start, end - start, 0.45, "capitalised words after a travel or residence word"));
            }
        }
    }

    /// <summary>Not an everyday word or a first name, unless it often starts a place name ("New", "North", "San").</summary>
    private static bool IsPlaceWord(ReadOnlySpan<char> word) =>
        word is "New" or "North" or "South" or "East" or "West" or "Saint" or "St" or "San" or "Santa" or "Port" or "Mount" or "Lake" or "Fort"
        || (!CommonWords.Contains(word) && !PiiGazetteer.FirstNames.Contains(word));

    /// <summary>The end of the longest gazetteer place starting with the word at start..end, or 0.</summary>
    private static int LongestPlace(PiiWords words, string text, int start, int end)
    {
        if (!PiiGazetteer.PlaceStarts.Contains(text.AsSpan(start, end - start)))
        {
            return 0; // no place's name starts with this word
        }

        Span<int> ends = stackalloc int[PiiGazetteer.MaxPhraseWords];
        var count = 0;
        ends[count++] = end;
        while (count < ends.Length && words.Next(ends[count - 1], out var nextStart, out var nextEnd) && Words.Adjacent(text, ends[count - 1], nextStart))
        {
            ends[count++] = nextEnd;
        }

        for (var i = count - 1; i >= 0; i--)
        {
            var span = text.AsSpan(start, ends[i] - start);
            if (PiiGazetteer.Places.Contains(span) && (i == 0 || LastWordCapitalized(text, ends[i])))
            {
                return ends[i];
            }
        }

        return 0;
    }

    private static bool LastWordCapitalized(string text, int end)
    {
        var start = end;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        return Words.IsCapitalized(text, start);
    }

    /// <summary>Extends a run by up to <paramref name="more"/> adjacent capitalised words that are not everyday words.</summary>
    private static int CapitalizedRun(PiiWords words, string text, int end, int more)
    {
        for (var i = 0; i < more && words.Next(end, out var nextStart, out var nextEnd) && Words.Adjacent(text, end, nextStart)
             && Words.IsCapitalized(text, nextStart) && !CommonWords.Contains(text.AsSpan(nextStart, nextEnd - nextStart)); i++)
        {
            end = nextEnd;
        }

        return end;
    }
}
