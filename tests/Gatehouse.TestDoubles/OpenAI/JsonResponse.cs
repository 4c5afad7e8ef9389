using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>Writes a whole JSON body with a Content-Length, the way OpenAI answers non-streaming calls.</summary>
internal static class JsonResponse
{
    // OpenAI leaves quotes, '<' and non-ASCII text unescaped; the default encoder's \u0027 and such are valid but unlike it.
    // Safe here: these bodies are JSON for API clients, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static async Task WriteAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> write, CancellationToken ct)
    {
        var body = Build(write);
        var response = ctx.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ct);
    }
}
