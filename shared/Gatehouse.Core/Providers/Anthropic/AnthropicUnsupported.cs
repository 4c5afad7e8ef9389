using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// Requests the Messages API cannot express. Refused before anything is sent, with a message the client can act on,
/// rather than silently answered differently from what was asked.
/// </summary>
internal static class AnthropicUnsupported
{
    public static UnsupportedRequestException Because(string what) =>
        new($"This model is served by Anthropic, which does not support {what}.");

    public static void Check(JsonObject body)
    {
        if (AnthropicJson.Int(body["n"]) is { } n && n != 1)
        {
            throw Because($"several choices per request ('n' = {n}); send n = 1 or leave it out");
        }

        if (body["response_format"] is JsonObject format && AnthropicJson.String(format["type"]) is { } type and not "text")
        {
            throw Because($"response_format '{type}' (JSON mode / structured outputs); leave response_format out, or ask for JSON in the prompt");
        }

        if (!AnthropicJson.IsNull(body["audio"]) || (body["modalities"] is JsonArray modalities && modalities.Any(m => AnthropicJson.String(m) == "audio")))
        {
            throw Because("audio output ('audio' / 'modalities')");
        }

        if (body["logprobs"] is JsonValue logprobs && logprobs.TryGetValue<bool>(out var wanted) && wanted)
        {
            throw Because("log probabilities ('logprobs')");
        }

        if (!AnthropicJson.IsNull(body["functions"]) || !AnthropicJson.IsNull(body["function_call"]))
        {
            throw Because("the legacy 'functions' / 'function_call' parameters; use 'tools' and 'tool_choice'");
        }
    }
}
