using Microsoft.AspNetCore.Http;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary><c>GET /v1/models</c>: a short fixed list; any model name is accepted by the other endpoints anyway.</summary>
internal static class ModelsHandler
{
    // A fixed date keeps responses byte-for-byte stable across runs.
    private const long Created = 1715367049;

    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "text-embedding-3-small", "text-embedding-3-large"];

    public static Task HandleAsync(HttpContext ctx, CancellationToken ct) =>
        JsonResponse.WriteAsync(ctx, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("object"u8, "list"u8);
            w.WriteStartArray("data"u8);
            foreach (var id in Models)
            {
                w.WriteStartObject();
                w.WriteString("id"u8, id);
                w.WriteString("object"u8, "model"u8);
                w.WriteNumber("created"u8, Created);
                w.WriteString("owned_by"u8, "gatehouse-demo"u8);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }, ct);
}
