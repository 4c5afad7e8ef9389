using System.Text;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// What one candidate (or one streamed piece of it) says: its text parts joined, and its function calls. Thought
/// parts (a thinking model's summaries, when asked for) are not the answer and are left out.
/// </summary>
internal sealed class GeminiCandidateContent
{
    private GeminiCandidateContent(int index, string text, List<GeminiFunctionCall> calls, string? finishReason)
    {
        Index = index;
        Text = text;
        Calls = calls;
        FinishReason = finishReason;
    }

    public int Index { get; }

    public string Text { get; }

    public List<GeminiFunctionCall> Calls { get; }

    /// <summary>Gemini's own reason, or null while a streamed candidate is still going.</summary>
    public string? FinishReason { get; }

    /// <summary>The answer's candidates in index order; none for a blocked prompt.</summary>
    public static List<GeminiCandidateContent> ReadAll(JsonObject answer)
    {
        var candidates = new List<GeminiCandidateContent>();
        if (answer["candidates"] is JsonArray array)
        {
            for (var position = 0; position < array.Count; position++)
            {
                if (array[position] is JsonObject candidate)
                {
                    candidates.Add(Read(candidate, GeminiNodes.Int(candidate["index"]) ?? position));
                }
            }
        }

        candidates.Sort((a, b) => a.Index.CompareTo(b.Index));
        return candidates;
    }

    /// <summary>The reason a prompt was refused before any candidate was made (<c>promptFeedback.blockReason</c>), if it was.</summary>
    public static string? BlockReason(JsonObject answer) =>
        answer["promptFeedback"] is JsonObject feedback ? GeminiNodes.String(feedback["blockReason"]) : null;

    private static GeminiCandidateContent Read(JsonObject candidate, int index)
    {
        var text = new StringBuilder();
        var calls = new List<GeminiFunctionCall>();
        var parts = candidate["content"] is JsonObject content ? content["parts"] as JsonArray : null;
        foreach (var part in parts ?? [])
        {
            if (part is not JsonObject partObject || GeminiNodes.Bool(partObject["thought"]) == true)
            {
                continue;
            }

            if (GeminiNodes.String(partObject["text"]) is { } piece)
            {
                text.Append(piece);
            }
            else if (partObject["functionCall"] is JsonObject call && GeminiNodes.String(call["name"]) is { } name)
            {
                var arguments = call["args"] is JsonObject args ? args.ToJsonString() : "{}";
                calls.Add(new GeminiFunctionCall(name, arguments, GeminiNodes.String(call["id"])));
            }
        }

        return new GeminiCandidateContent(index, text.ToString(), calls, GeminiNodes.String(candidate["finishReason"]));
    }
}
