using System.Text.Json.Nodes;

namespace Gatehouse.Providers;

/// <summary>
/// One SSE event of a streamed answer, already in the unified (OpenAI) shape. <see cref="Data"/> is the exact
/// bytes to relay, so an OpenAI-compatible stream passes through without being re-serialised; the JSON is
/// parsed only when someone asks for it.
/// </summary>
public sealed class ChatStreamChunk(ReadOnlyMemory<byte> data)
{
    private JsonObject? _json;
    private bool _parsed;
    private TokenUsage? _usage;
    private bool _usageRead;

    public static ChatStreamChunk Done { get; } = new("[DONE]"u8.ToArray());

    public ReadOnlyMemory<byte> Data { get; } = data;

    public bool IsDone => Data.Span.SequenceEqual("[DONE]"u8);

    public JsonObject? Json
    {
        get
        {
            if (!_parsed)
            {
                _parsed = true;
                _json = IsDone ? null : TryParse(Data);
            }

            return _json;
        }
    }

    /// <summary>The usage a final OpenAI chunk carries (<c>stream_options.include_usage</c>), if any; read once.</summary>
    /// <remarks>With include_usage every earlier chunk carries <c>"usage":null</c>; those are skipped without parsing.</remarks>
    public TokenUsage? Usage
    {
        get
        {
            if (!_usageRead)
            {
                _usageRead = true;
                _usage = Data.Span.IndexOf("\"usage\""u8) < 0 || Data.Span.IndexOf("\"usage\":null"u8) >= 0 ? null : TokenUsage.FromOpenAI(Json?["usage"]);
            }

            return _usage;
        }
    }

    private static JsonObject? TryParse(ReadOnlyMemory<byte> data)
    {
        try
        {
            return JsonNode.Parse(data.Span) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
