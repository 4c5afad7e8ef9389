using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// A Gemini <c>BatchEmbedContentsResponse</c> as an OpenAI embeddings <c>list</c>. Vectors are floats, or base64 of
/// little-endian float32 when the client asked for <c>encoding_format: base64</c> (what the OpenAI SDKs ask for by
/// default). Gemini reports no token counts for embeddings, so there is no usage unless it sends some: the gateway
/// then counts the input itself.
/// </summary>
internal static class GeminiEmbeddingsReader
{
    public static JsonObject Read(JsonObject answer, string model, bool base64)
    {
        if (answer["embeddings"] is not JsonArray embeddings)
        {
            throw new JsonException("The Gemini answer has no embeddings.");
        }

        var data = new JsonArray();
        for (var i = 0; i < embeddings.Count; i++)
        {
            var values = embeddings[i] is JsonObject embedding && embedding["values"] is JsonArray array
                ? array
                : throw new JsonException("A Gemini embedding has no values.");
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64 ? Base64(values) : values.DeepClone(),
            });
        }

        var list = new JsonObject { ["object"] = "list", ["data"] = data, ["model"] = model };
        if (answer["usageMetadata"] is JsonObject metadata && GeminiNodes.Int(metadata["promptTokenCount"]) is { } prompt)
        {
            list["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["total_tokens"] = GeminiNodes.Int(metadata["totalTokenCount"]) ?? prompt };
        }

        return list;
    }

    private static string Base64(JsonArray values)
    {
        var bytes = new byte[values.Count * sizeof(float)];
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i] is JsonValue number && number.TryGetValue<float>(out var f)
                ? f
                : throw new JsonException("A Gemini embedding value is not a number.");
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), value);
        }

        return Convert.ToBase64String(bytes);
    }
}
