using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.AzureOpenAI;

/// <summary>Embeddings: one deterministic unit vector per input string (<c>dimensions</c> long, 16 by default).</summary>
internal static class AzureEmbeddings
{
    private const int DefaultDimensions = 16;

    public static Task HandleAsync(HttpContext ctx, JsonElement root, CancellationToken ct)
    {
        var inputs = root.TryGetProperty("input", out var input) ? input.ValueKind switch
        {
            JsonValueKind.String => [input.GetString()!],
            JsonValueKind.Array => input.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray(),
            _ => [],
        } : Array.Empty<string>();
        if (inputs.Length == 0)
            return AzureErrorBodies.WriteInvalidRequestAsync(ctx, "'input' is a required property", "input", ct);

        var dimensions = root.TryGetProperty("dimensions", out var d) && d.TryGetInt32(out var n) && n > 0 ? n : DefaultDimensions;
        var tokens = inputs.Sum(i => Math.Max(1, i.Length / 4));
        return JsonResponse.WriteAsync(ctx, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data"u8);
            for (var i = 0; i < inputs.Length; i++)
            {
                w.WriteStartObject();
                w.WriteStartArray("embedding"u8);
                foreach (var value in EmbeddingVectors.For(inputs[i], dimensions))
                    w.WriteNumberValue(value);
                w.WriteEndArray();
                w.WriteNumber("index"u8, i);
                w.WriteString("object"u8, "embedding"u8);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model"u8, "text-embedding-3-small"u8);
            w.WriteString("object"u8, "list"u8);
            w.WriteStartObject("usage"u8);
            w.WriteNumber("prompt_tokens"u8, tokens);
            w.WriteNumber("total_tokens"u8, tokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct);
    }
}
