using System.Text.Json.Nodes;
using Gatehouse.Providers;
using Microsoft.ML.Tokenizers;

namespace Gatehouse.Tokens;

/// <summary>
/// Counts a request's tokens before it is sent, for token limits charged up front: the prompt with the o200k_base
/// encoding (GPT-4o and later; close enough for other models' up-front estimates), plus the output it may produce.
/// The provider's reported usage corrects the charge afterwards, so an estimate only has to be near and not low.
/// </summary>
public static class TokenEstimator
{
    // OpenAI's documented chat overhead: each message is wrapped in a few tokens, and the reply is primed with three.
    private const int PerMessage = 3;
    private const int PerName = 1;
    private const int ReplyPriming = 3;

    // Images are not text; this is the cost of one low-detail image, a floor rather than a guess at high detail.
    private const int PerImage = 85;

    private static readonly Lazy<Tokenizer> Encoding = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <summary>Prompt tokens plus the output the request allows (<paramref name="defaultMaxOutput"/> if it sets none).</summary>
    public static TokenEstimate Estimate(ProviderOperation operation, JsonObject body, int defaultMaxOutput) => operation switch
    {
        ProviderOperation.Embeddings => new TokenEstimate(CountInput(body["input"]), 0),
        _ => new TokenEstimate(CountChat(body), MaxOutput(body, defaultMaxOutput)),
    };

    public static int Count(string text) => Encoding.Value.CountTokens(text);

    private static int CountChat(JsonObject body)
    {
        var tokens = ReplyPriming;
        if (body["messages"] is JsonArray messages)
        {
            foreach (var message in messages.OfType<JsonObject>())
            {
                tokens += PerMessage + CountText(message["role"]) + CountContent(message["content"]);
                if (message["name"] is JsonValue name)
                {
                    tokens += PerName + CountText(name);
                }

                if (message["tool_calls"] is JsonArray calls)
                {
                    tokens += Count(calls.ToJsonString());
                }
            }
        }

        // Tool and response-format definitions are sent to the model as text too; their JSON is a fair stand-in.
        foreach (var name in (ReadOnlySpan<string>)["tools", "functions", "response_format"])
        {
            if (body[name] is JsonNode definitions)
            {
                tokens += Count(definitions.ToJsonString());
            }
        }

        return tokens;
    }

    private static int CountContent(JsonNode? content) => content switch
    {
        JsonValue text => CountText(text),
        JsonArray parts => parts.OfType<JsonObject>().Sum(part => ReadString(part["type"]) == "text" ? CountText(part["text"]) : PerImage),
        _ => 0,
    };

    /// <summary>Embedding input: a string, strings, or already-tokenized arrays of token ids.</summary>
    private static int CountInput(JsonNode? input) => input switch
    {
        JsonValue text => CountText(text),
        JsonArray items => items.Sum(item => item is JsonArray ids ? ids.Count : CountInput(item)),
        _ => 0,
    };

    private static int CountText(JsonNode? node) => ReadString(node) is { } text ? Count(text) : 0;

    private static string? ReadString(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int MaxOutput(JsonObject body, int defaultMaxOutput)
    {
        var max = ReadPositive(body["max_completion_tokens"]) ?? ReadPositive(body["max_tokens"]) ?? defaultMaxOutput;
        var choices = ReadPositive(body["n"]) ?? 1;
        return (int)Math.Min(int.MaxValue, (long)max * choices);
    }

    private static int? ReadPositive(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<int>(out var n) && n > 0 ? n : null;
}

/// <summary>A request's tokens as estimated before the call: prompt, and the most output it allows.</summary>
public readonly record struct TokenEstimate(int Prompt, int MaxOutput)
{
    public long Total => (long)Prompt + MaxOutput;
}
