using System.Text.Json.Nodes;

namespace Gatehouse.Providers;

/// <summary>Token counts as the provider reported them (the source of truth when present).</summary>
public sealed record TokenUsage(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    /// <summary>The part of <see cref="PromptTokens"/> served from the provider's prompt cache (billed at a lower rate).</summary>
    public int CachedPromptTokens { get; init; }

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
        var cached = obj["prompt_tokens_details"] is JsonObject details ? Read(details, "cached_tokens") ?? 0 : 0;
        return prompt is null && completion is null
            ? null
            : new TokenUsage(prompt ?? 0, completion ?? 0, total) { CachedPromptTokens = Math.Min(cached, prompt ?? 0) };
    }

    private static int? Read(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<int>(out var n) && n >= 0 ? n : null;
}
