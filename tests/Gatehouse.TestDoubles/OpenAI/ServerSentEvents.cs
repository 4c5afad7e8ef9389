using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>OpenAI's SSE framing: <c>data: &lt;json&gt;\n\n</c>, each event flushed on its own like a real provider.</summary>
internal static class ServerSentEvents
{
    public static void Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
    }

    public static async Task WriteDataAsync(HttpResponse response, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var pipe = response.BodyWriter;
        pipe.Write("data: "u8);
        pipe.Write(data.Span);
        pipe.Write("\n\n"u8);
        await pipe.FlushAsync(ct);
    }

    public static async Task WriteDoneAsync(HttpResponse response, CancellationToken ct)
    {
        response.BodyWriter.Write("data: [DONE]\n\n"u8);
        await response.BodyWriter.FlushAsync(ct);
    }
}
