namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// The deterministic answer text, how it is cut at the request's token limit (one token per word), and how a stream
/// splits it: the content chunks concatenate to exactly the non-streaming text, unless more chunks are asked for than
/// it has words, in which case filler words are added (before any cut, so a cut stream never exceeds the limit).
/// </summary>
internal static class ChatReply
{
    private const int EchoLength = 40;
    private const string Lead = "This is a reply from the Gatehouse demo provider to:";

    private static readonly string[] Filler =
        "— each chunk leaves the provider as soon as it is written, so you can watch the answer arrive word by word.".Split(' ');

    // Short, common words for the long-<N> answers.
    private static readonly string[] Vocabulary =
        "the quick brown fox jumps over a lazy dog while rain falls on green hills and old trees".Split(' ');

    public static string Compose(string lastUserText)
    {
        var echo = Echo(lastUserText);
        return echo.Length == 0 ? Lead : Lead + " " + echo;
    }

    /// <summary>Exactly <paramref name="words"/> words, for the <c>long-&lt;N&gt;</c> scenario.</summary>
    public static string Long(int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(i => Vocabulary[i % Vocabulary.Length]));

    public static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>The text with filler words added when it has fewer than <paramref name="chunks"/> words.</summary>
    public static string PadForChunks(string text, int chunks)
    {
        var words = new List<string>(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        for (var i = 0; words.Count < chunks; i++)
            words.Add(Filler[i % Filler.Length]);
        return string.Join(' ', words);
    }

    /// <summary>The first <paramref name="maxTokens"/> words; <paramref name="cut"/> says whether any were left out.</summary>
    public static string Cut(string text, int? maxTokens, out bool cut)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        cut = maxTokens < words.Length;
        return cut ? string.Join(' ', words, 0, maxTokens!.Value) : text;
    }

    /// <summary>Splits the text into <paramref name="chunks"/> pieces of whole words (filler added when it has fewer words).</summary>
    public static string[] SplitIntoChunks(string text, int chunks)
    {
        var words = PadForChunks(text, chunks).Split(' ');
        var result = new string[chunks];
        var perChunk = words.Length / chunks;
        var extra = words.Length % chunks;
        var next = 0;
        for (var i = 0; i < chunks; i++)
        {
            var take = perChunk + (i < extra ? 1 : 0);
            var piece = string.Join(' ', words, next, take);
            next += take;
            // Words keep their separating space on the chunk they end, like "word " deltas from OpenAI.
            result[i] = i < chunks - 1 ? piece + " " : piece;
        }
        return result;
    }

    /// <summary>The first characters of the user's message on one line, never cutting a surrogate pair in half.</summary>
    private static string Echo(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (oneLine.Length <= EchoLength)
            return oneLine;
        var length = char.IsHighSurrogate(oneLine[EchoLength - 1]) ? EchoLength - 1 : EchoLength;
        return oneLine[..length].TrimEnd();
    }
}
