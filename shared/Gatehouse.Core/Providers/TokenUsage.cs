using System.Text.Json.Nodes;

namespace Gatehouse.Providers;

/// <summary>Token counts as the provider reported them (the source of truth when present).</summary>
public sealed record TokenUsage(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    /// <summary>Reads an OpenAI <c>usage</c> object; null when absent or malformed.</summary>
    public static TokenUsage? FromOpenAI(JsonNode? usage)
    {
        if (usage is not JsonObject obj)
        {
            return null;
        }

        var prompt = Read(obj, "prompt_tokens");
        var completion = Read(obj, "completion_tokens");
        var total = Read(obj, "total_tokens") ?? (prompt ?? 0) + (completion ?? 0);
        return prompt is null && completion is null ? null : new TokenUsage(prompt ?? 0, completion ?? 0, total);
    }

    private static int? Read(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<int>(out var n) && n >= 0 ? n : null;
}
