namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>
/// What the fake answers: text (<c>"You said: …"</c>, cut at a stop sequence or at <c>max_tokens</c> words), or for
/// the <c>tool</c> model a call of the request's first tool, then, once its result comes back, the result echoed.
/// </summary>
internal sealed record FakeReply(string Text, FakeTool? Tool, string StopReason, string? StopSequence)
{
    public const string ToolModel = "tool";

    public int OutputTokens => Tool is null ? CountWords(Text) : 12 + Tool.Input.Length / 4;

    public static FakeReply For(MessagesRequest request)
    {
        if (request.Model == ToolModel && request.LastToolResult is null && request.FirstTool is { } tool)
            return new FakeReply("", tool, "tool_use", null);

        var text = request.Model == ToolModel && request.LastToolResult is { } result
            ? $"The tool said: {result}"
            : $"You said: {request.LastUserText}";
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        foreach (var stop in request.StopSequences)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
                return new FakeReply(text[..at], null, "stop_sequence", stop);
        }

        var words = text.Split(' ');
        return words.Length > request.MaxTokens
            ? new FakeReply(string.Join(' ', words, 0, request.MaxTokens), null, "max_tokens", null)
            : new FakeReply(text, null, "end_turn", null);
    }

    public static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>The text in at most <paramref name="pieces"/> deltas of whole words; they concatenate to exactly the text.</summary>
    public string[] Split(int pieces)
    {
        var words = Text.Split(' ');
        var count = Math.Max(1, Math.Min(pieces, words.Length));
        var result = new string[count];
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            var take = words.Length / count + (i < words.Length % count ? 1 : 0);
            result[i] = string.Join(' ', words, next, take) + (i < count - 1 ? " " : "");
            next += take;
        }
        return result;
    }
}
