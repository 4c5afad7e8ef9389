using System.Buffers;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>Anthropic's SSE framing: a named event (<c>event: message_start</c>) and its JSON data, each flushed on its own.</summary>
internal static class AnthropicEventStream
{
    public static void Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
    }

    public static async Task WriteAsync(HttpResponse response, string eventName, byte[] data, CancellationToken ct)
    {
        var pipe = response.BodyWriter;
        pipe.Write("event: "u8);
        pipe.Write(System.Text.Encoding.UTF8.GetBytes(eventName));
        pipe.Write("\ndata: "u8);
        pipe.Write(data);
        pipe.Write("\n\n"u8);
        await pipe.FlushAsync(ct);
    }
}
