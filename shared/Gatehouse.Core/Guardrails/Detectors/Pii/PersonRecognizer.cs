namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// People's names, by rules rather than a model, so recall is partial: a run of up to four capitalised words (with
/// "van", "de", ... and initials inside) counts after an honorific ("Mr.", "Dr."), after a cue ("my name is", "call
/// me", "Dear", "Regards,", "my friend"), when it starts with a common first name, or when it has two or more words and
/// ends with a common surname (<see cref="PiiGazetteer"/>); a lone surname does not count. Runs that are places,
/// nationalities, streets or everyday words (<see cref="CommonWords"/>) do not count without an honorific or a cue.
/// </summary>
internal sealed class PersonRecognizer : IPiiRecognizer
{
    private const int MaxWords = 4;

    private static readonly ContextWords Honorifics = new(
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "madam", "mister", "herr", "frau", "monsieur", "madame");

    private static readonly ContextWords Cues = new(
        "my name is", "name is", "name", "named", "called", "call me", "i am", "i'm", "this is", "dear", "hi", "hello",
        "regards", "sincerely", "thanks", "signed", "ask for", "speak to", "spoke to", "spoke with", "talk to", "contact",
        "my friend", "my colleague", "my boss", "my wife", "my husband", "my son", "my daughter", "my mother", "my father",
        "my brother", "my sister", "my partner", "my neighbour", "my neighbor", "patient", "author", "directed by", "starring");

    private static readonly string[] Particles = ["van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin", "ibn", "al"];

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        var words = input.Words;
        for (var position = 0; words.Next(position, out var start, out var end); position = end)
        {
            if (!Words.IsCapitalized(text, start) || CommonWords.Contains(text.AsSpan(start, end - start)))
            {
                continue;
            }

            var (runEnd, count, lastStart) = Run(words, text, start, end);
            var score = Score(words, text, start, end, runEnd, count, lastStart);
            if (score > 0)
            {
                matches.Add(new PiiMatch(PiiTypes.Person, start, runEnd - start, score, "person's name"));
            }

            end = runEnd;
        }
    }

    private static double Score(PiiWords words, string text, int start, int firstEnd, int runEnd, int count, int lastStart)
    {
        var first = text.AsSpan(start, firstEnd - start);
        var last = text.AsSpan(lastStart, runEnd - lastStart);
        var whole = text.AsSpan(start, runEnd - start);
        if (Honorifics.JustBefore(text, start, "."))
        {
            return 0.7;
        }

        var place = PiiGazetteer.Places.Contains(whole) || PiiGazetteer.Places.Contains(first) || PiiGazetteer.Nationalities.Contains(first)
            || StreetTypeFollows(words, text, runEnd);
        var shouting = count == 1 && first.Length > 1 && char.IsUpper(first[1]);
        if (place || shouting || OrganizationSuffixes.Contains(last))
        {
            return 0;
        }

        if (Cues.JustBefore(text, start, ":,"))
        {
            return 0.6;
        }

        if (PiiGazetteer.FirstNames.Contains(first))
        {
            return count > 1 ? 0.6 : 0.5;
        }

        // A lone surname is left out: too many are everyday words too ("Key", "Day", "Long").
        return count > 1 && PiiGazetteer.Surnames.Contains(last) ? 0.5 : 0;
    }

    /// <summary>"Adams Street", "Victor Hugo Avenue": a street named after someone is a street.</summary>
    private static bool StreetTypeFollows(PiiWords words, string text, int runEnd) =>
        words.Next(runEnd, out var start, out var end) && Words.Adjacent(text, runEnd, start)
        && text.AsSpan(start, end - start) is "Street" or "St" or "Avenue" or "Ave" or "Road" or "Rd" or "Boulevard" or "Lane" or "Drive" or "Square" or "Place" or "Way";

    /// <summary>The end of the run of name words that starts with the word at start..end, its word count, and where its last word starts.</summary>
    private static (int End, int Count, int LastStart) Run(PiiWords words, string text, int start, int end)
    {
        var count = 1;
        var lastStart = start;
        while (count < MaxWords && words.Next(end, out var nextStart, out var nextEnd) && Words.Adjacent(text, end, nextStart))
        {
            var word = text.AsSpan(nextStart, nextEnd - nextStart);
            if (Words.IsCapitalized(text, nextStart) && !CommonWords.Contains(word) && !OrganizationSuffixes.Contains(word))
            {
                (lastStart, end) = (nextStart, nextEnd);
                count++;
            }
            else if (IsParticle(word) && words.Next(nextEnd, out var afterStart, out var afterEnd) && Words.Adjacent(text, nextEnd, afterStart)
                     && Words.IsCapitalized(text, afterStart) && !CommonWords.Contains(text.AsSpan(afterStart, afterEnd - afterStart)))
            {
                (lastStart, end) = (afterStart, afterEnd);
                count += 2;
            }
            else
            {
                break;
            }
        }

        return (end, count, lastStart);
    }

    private static bool IsParticle(ReadOnlySpan<char> word)
    {
        foreach (var particle in Particles)
        {
            if (word.SequenceEqual(particle))
            {
                return true;
            }
        }

        return false;
    }
}
