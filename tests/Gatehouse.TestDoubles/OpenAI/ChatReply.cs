namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// The deterministic answer text, and how a stream splits it: the content chunks concatenate to exactly the
/// non-streaming text, unless more chunks are asked for than it has words, in which case filler words are added.
/// </summary>
internal static class ChatReply
{
    private const int EchoLength = 40;
    private const string Lead = "This is a reply from the Gatehouse demo provider to:";

    private static readonly string[] Filler =
        "— each chunk leaves the provider as soon as it is written, so you can watch the answer arrive word by word.".Split(' ');

    public static string Compose(string lastUserText)
    {
        var echo = Echo(lastUserText);
        return echo.Length == 0 ? Lead : Lead + " " + echo;
    }

    public static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    public static string[] SplitIntoChunks(string text, int chunks)
    {
        var words = new List<string>(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        for (var i = 0; words.Count < chunks; i++)
            words.Add(Filler[i % Filler.Length]);

        var result = new string[chunks];
        var perChunk = words.Count / chunks;
        var extra = words.Count % chunks;
        var next = 0;
        for (var i = 0; i < chunks; i++)
        {
            var take = perChunk + (i < extra ? 1 : 0);
            var piece = string.Join(' ', words.GetRange(next, take));
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
