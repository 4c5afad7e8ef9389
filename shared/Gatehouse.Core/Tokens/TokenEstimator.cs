using System.Text.Json.Nodes;
using Gatehouse.Providers;

namespace Gatehouse.Tokens;

/// <summary>
/// Counts tokens where the provider's own count is not (yet) known: a request's prompt before it is sent, for limits
/// and budgets charged up front, and an answer that came back without <c>usage</c>. The provider's usage, when it
/// comes, is the truth; these counts only have to be near it and not low. Encodings per model: <see cref="TokenEncoding"/>.
/// </summary>
public static class TokenEstimator
{
    /// <summary>The prompt tokens of a request to the upstream <paramref name="model"/> (e.g. "gpt-4o-mini-2024-07-18").</summary>
    public static int CountPrompt(ProviderOperation operation, JsonObject body, string model) =>
        CountPrompt(operation, body, TokenEncoding.For(model));

    /// <summary>
    /// Chat: OpenAI's message framing, tool definitions and calls (<see cref="ChatPromptCounter"/>). Embeddings: the
    /// input string, strings or token-id arrays, with no framing.
    /// </summary>
    public static int CountPrompt(ProviderOperation operation, JsonObject body, TokenEncoding encoding) =>
        encoding.Scale(operation == ProviderOperation.Embeddings
            ? CountEmbeddingInput(body["input"], encoding)
            : ChatPromptCounter.Count(body, encoding));

    /// <summary>
    /// The most output a request allows: for chat, (<c>max_completion_tokens</c> ?? <c>max_tokens</c> ??
    /// <paramref name="fallbackPerChoice"/>) × <c>n</c>; embeddings produce none.
    /// </summary>
    public static int MaxOutput(ProviderOperation operation, JsonObject body, int fallbackPerChoice)
    {
        if (operation == ProviderOperation.Embeddings)
        {
            return 0;
        }

        var max = ReadPositive(body["max_completion_tokens"]) ?? ReadPositive(body["max_tokens"]) ?? fallbackPerChoice;
        var choices = ReadPositive(body["n"]) ?? 1;
        return (int)Math.Min(int.MaxValue, (long)max * choices);
    }

    /// <summary>
    /// The completion tokens of a (non-streamed) chat answer that came without usage: every choice's message content,
    /// refusal, reasoning and tool calls (function name and arguments).
    /// </summary>
    public static int CountCompletion(JsonObject responseBody, string model)
    {
        var encoding = TokenEncoding.For(model);
        long tokens = 0;
        if (responseBody["choices"] is JsonArray choices)
        {
            foreach (var message in choices.OfType<JsonObject>().Select(choice => choice["message"]).OfType<JsonObject>())
            {
                tokens += CountAnswerText(message["content"], encoding)
                    + encoding.CountRaw(ChatPromptCounter.Text(message["refusal"]))
                    + encoding.CountRaw(ChatPromptCounter.Text(message["reasoning_content"]))
                    + ChatPromptCounter.CountCall(message["function_call"], encoding);
                if (message["tool_calls"] is JsonArray calls)
                {
                    tokens += calls.OfType<JsonObject>().Sum(call => ChatPromptCounter.CountCall(call["function"], encoding));
                }
            }
        }

        return encoding.Scale(tokens);
    }

    /// <summary>A text's tokens in o200k_base.</summary>
    public static int Count(string text) => TokenEncoding.O200kBase.CountRaw(text);

    /// <summary>Embedding input: a string, strings, token ids, or arrays of token ids (each id one token).</summary>
    private static long CountEmbeddingInput(JsonNode? input, TokenEncoding encoding) => input switch
    {
        JsonArray items => items.Sum(item => item switch
        {
            JsonArray ids => ids.Count,
            JsonValue value when ChatPromptCounter.Text(value) is null => 1,
            _ => CountEmbeddingInput(item, encoding),
        }),
        _ => encoding.CountRaw(ChatPromptCounter.Text(input)),
    };

    private static int CountAnswerText(JsonNode? content, TokenEncoding encoding) => content is JsonArray parts
        ? parts.OfType<JsonObject>().Sum(part => encoding.CountRaw(ChatPromptCounter.Text(part["text"])))
        : encoding.CountRaw(ChatPromptCounter.Text(content));

    private static int? ReadPositive(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<int>(out var n) && n > 0 ? n : null;
}
