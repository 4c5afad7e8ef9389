using System.Text.Json.Nodes;
using Gatehouse.Providers;

namespace Gatehouse.Proxy;

/// <summary>
/// The usage the gateway asks OpenAI-compatible providers for on streams (<c>stream_options.include_usage</c>), and
/// how a client that did not ask is spared it: the usage-only final chunk is dropped, and the <c>"usage":null</c>
/// member the provider then adds to every other chunk is cut out of the bytes, so the stream is what it would have been.
/// </summary>
internal static class StreamUsage
{
    public static bool ClientAsked(JsonObject body) =>
        body["stream_options"] is JsonObject options && options["include_usage"] is JsonValue value && value.TryGetValue<bool>(out var asked) && asked;

    /// <summary>The extra chunk: usage, and no choices.</summary>
    public static bool IsUsageOnly(ChatStreamChunk chunk) =>
        chunk.Usage is not null && chunk.Json?["choices"] is null or JsonArray { Count: 0 };

    /// <summary>
    /// Where the chunk's <c>,"usage":null</c> member is, to be left out when relaying it. Inside a JSON string a quote
    /// is always escaped, so this exact byte sequence can only be the member itself.
    /// </summary>
    public static Range? NullUsage(ReadOnlySpan<byte> data)
    {
        var member = ",\"usage\":null"u8;
        var at = data.IndexOf(member);
        return at < 0 ? null : new Range(at, at + member.Length);
    }
}
