using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// Anthropic's token counts. Its <c>input_tokens</c> excludes prompt-cache reads and writes, which OpenAI's
/// <c>prompt_tokens</c> includes; so prompt tokens are the three added, and cached tokens are the cache reads.
/// </summary>
internal readonly record struct AnthropicUsage(int Input, int CacheCreation, int CacheRead, int Output)
{
    public int PromptTokens => Input + CacheCreation + CacheRead;

    public static AnthropicUsage Read(JsonNode? usage) => default(AnthropicUsage).Update(usage);

    /// <summary>
    /// The counts a later event reports replace earlier ones: a stream's <c>message_delta</c> carries cumulative
    /// totals (always <c>output_tokens</c>, newer API versions the input counts too).
    /// </summary>
    public AnthropicUsage Update(JsonNode? usage) => usage is not JsonObject counts ? this : new(
        AnthropicJson.Int(counts["input_tokens"]) ?? Input,
        AnthropicJson.Int(counts["cache_creation_input_tokens"]) ?? CacheCreation,
        AnthropicJson.Int(counts["cache_read_input_tokens"]) ?? CacheRead,
        AnthropicJson.Int(counts["output_tokens"]) ?? Output);

    /// <summary>Writes the OpenAI <c>usage</c> member.</summary>
    public void WriteOpenAI(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", PromptTokens);
        writer.WriteNumber("completion_tokens", Output);
        writer.WriteNumber("total_tokens", PromptTokens + Output);
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", CacheRead);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public JsonObject ToOpenAI() => new()
    {
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = Output,
        ["total_tokens"] = PromptTokens + Output,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = CacheRead },
    };
}
