using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Gemini;

/// <summary>
/// <c>models/{model}:batchEmbedContents</c>: one deterministic vector per request (768 dimensions unless
/// <c>outputDimensionality</c> says otherwise). Each request must name the URL's model as <c>models/{model}</c>.
/// Gemini reports no token usage for embeddings, and neither does the fake.
/// </summary>
internal static class GeminiEmbedHandler
{
    private const int DefaultDimensions = 768;

    public static async Task HandleAsync(HttpContext ctx, string model, JsonElement root, FakeGeminiOptions options, CancellationToken ct)
    {
        if (model.StartsWith("fail-", StringComparison.Ordinal) && int.TryParse(model.AsSpan(5), out var status) && status is >= 400 and <= 599)
        {
            await GeminiErrorBodies.WriteSimulatedFailureAsync(ctx, status, model, options, ct);
            return;
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("requests", out var requests)
            || requests.ValueKind != JsonValueKind.Array || requests.GetArrayLength() == 0)
        {
            await GeminiErrorBodies.WriteInvalidArgumentAsync(ctx, "* BatchEmbedContentsRequest.requests: requests is not specified\n", ct);
            return;
        }

        var vectors = new List<float[]>();
        var index = 0;
        foreach (var request in requests.EnumerateArray())
        {
            if (!request.TryGetProperty("model", out var named) || named.GetString() != $"models/{model}")
            {
                await GeminiErrorBodies.WriteInvalidArgumentAsync(ctx, $"* BatchEmbedContentsRequest.requests[{index}].model: model must match the parent model\n", ct);
                return;
            }

            if (!request.TryGetProperty("content", out var content) || !content.TryGetProperty("parts", out var parts) || parts.GetArrayLength() == 0)
            {
                await GeminiErrorBodies.WriteInvalidArgumentAsync(ctx, $"* BatchEmbedContentsRequest.requests[{index}].content.parts: contents.parts must not be empty.\n", ct);
                return;
            }

            var text = string.Join(" ", parts.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : ""));
            var dimensions = request.TryGetProperty("outputDimensionality", out var d) && d.TryGetInt32(out var given) ? given : DefaultDimensions;
            vectors.Add(EmbeddingVectors.For(text, dimensions));
            index++;
        }

        await JsonResponse.WriteAsync(ctx, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("embeddings"u8);
            foreach (var vector in vectors)
            {
                w.WriteStartObject();
                w.WriteStartArray("values"u8);
                foreach (var value in vector)
                    w.WriteNumberValue(value);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }, ct);
    }
}
