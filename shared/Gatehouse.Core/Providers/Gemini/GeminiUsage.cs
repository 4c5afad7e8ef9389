using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// Gemini's <c>usageMetadata</c> as an OpenAI <c>usage</c> object. Thinking tokens are billed as output, so they count
/// as completion tokens (and are also shown as <c>reasoning_tokens</c>, as OpenAI shows its own); tokens of tool-use
/// prompts count as prompt tokens; context-cache hits are <c>cached_tokens</c>.
/// </summary>
internal static class GeminiUsage
{
    public static JsonObject? ToOpenAI(JsonNode? usageMetadata)
    {
        if (usageMetadata is not JsonObject metadata)
        {
            return null;
        }

        var thoughts = Count(metadata, "thoughtsTokenCount");
        var prompt = Count(metadata, "promptTokenCount") + Count(metadata, "toolUsePromptTokenCount");
        var completion = Count(metadata, "candidatesTokenCount") + thoughts;
        var usage = new JsonObject
        {
            ["prompt_tokens"] = prompt,
            ["completion_tokens"] = completion,
            ["total_tokens"] = GeminiNodes.Int(metadata["totalTokenCount"]) ?? prompt + completion,
        };
        if (GeminiNodes.Int(metadata["cachedContentTokenCount"]) is { } cached)
        {
            usage["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cached };
        }

        if (thoughts > 0)
        {
            usage["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = thoughts };
        }

        return usage;
    }

    private static int Count(JsonObject metadata, string name) => Math.Max(GeminiNodes.Int(metadata[name]) ?? 0, 0);
}
