using System.Text.Json.Nodes;

namespace Gatehouse.Tokens;

/// <summary>
/// A chat request's prompt tokens the way OpenAI counts them ("How to count tokens with tiktoken", openai-cookbook):
/// every message costs 3 tokens of framing plus each of its text fields (role, content, and any other string such
/// as <c>tool_call_id</c>), a <c>name</c> one more, and the reply is primed with 3. Tool definitions follow
/// <see cref="ToolDefinitionCounter"/>.
/// </summary>
/// <remarks>
/// Beyond the cookbook (approximations, documented so they can be judged): each assistant tool call costs
/// <see cref="PerToolCall"/> plus its function name and arguments, like a small message; a content part that is not
/// text (image, audio, file) costs <see cref="PerNonTextPart"/>, the price of one low-detail image, a floor rather
/// than a guess at high detail; <c>response_format</c> schemas count as their JSON text.
/// </remarks>
internal static class ChatPromptCounter
{
    private const int PerMessage = 3;
    private const int PerName = 1;
    private const int ReplyPriming = 3;
    private const int PerToolCall = 3;
    internal const int PerNonTextPart = 85;

    /// <summary>Raw (unscaled) tokens of the request's messages, tools and response format.</summary>
    public static long Count(JsonObject body, TokenEncoding encoding)
    {
        long tokens = ReplyPriming;
        if (body["messages"] is JsonArray messages)
        {
            foreach (var message in messages.OfType<JsonObject>())
            {
                tokens += PerMessage + CountMessage(message, encoding);
            }
        }

        tokens += ToolDefinitionCounter.Count(body, encoding);
        if (body["response_format"] is JsonObject format)
        {
            tokens += encoding.CountRaw(format.ToJsonString());
        }

        return tokens;
    }

    private static long CountMessage(JsonObject message, TokenEncoding encoding)
    {
        long tokens = 0;
        foreach (var (key, value) in message)
        {
            tokens += key switch
            {
                "content" => CountContent(value, encoding),
                "tool_calls" when value is JsonArray calls => calls.OfType<JsonObject>().Sum(call => PerToolCall + CountCall(call["function"], encoding)),
                "function_call" => PerToolCall + CountCall(value, encoding),
                "name" when Text(value) is { } name => PerName + encoding.CountRaw(name),
                _ => Text(value) is { } text ? encoding.CountRaw(text) : 0,
            };
        }

        return tokens;
    }

    private static long CountContent(JsonNode? content, TokenEncoding encoding) => content switch
    {
        JsonArray parts => parts.OfType<JsonObject>().Sum(part =>
            (Text(part["text"]) ?? Text(part["refusal"])) is { } text ? encoding.CountRaw(text) : PerNonTextPart),
        _ => Text(content) is { } text ? encoding.CountRaw(text) : 0,
    };

    /// <summary>A function call's name and arguments (the same text an answer's tool call is counted by).</summary>
    internal static int CountCall(JsonNode? function, TokenEncoding encoding) =>
        function is JsonObject call ? encoding.CountRaw(Text(call["name"])) + encoding.CountRaw(Text(call["arguments"])) : 0;

    internal static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
