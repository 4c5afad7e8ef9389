using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>Writes OpenAI <c>chat.completion.chunk</c> events, all with one stream's id, created time and model.</summary>
internal sealed class GeminiChunkWriter(string id, long created, string model)
{
    // Text goes out as UTF-8, as OpenAI streams it, rather than as \u escapes; these are JSON events for API clients,
    // never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ChatStreamChunk Role(int index) => Choice(index, null, w =>
    {
        w.WriteString("role"u8, "assistant");
        w.WriteString("content"u8, "");
    });

    public ChatStreamChunk Content(int index, string text) => Choice(index, null, w => w.WriteString("content"u8, text));

    /// <summary>Gemini sends each function call whole, so each tool call is one delta with its complete arguments.</summary>
    public ChatStreamChunk ToolCalls(int index, IReadOnlyList<(int Position, string Id, GeminiFunctionCall Call)> calls) => Choice(index, null, w =>
    {
        w.WriteStartArray("tool_calls"u8);
        foreach (var (position, callId, call) in calls)
        {
            w.WriteStartObject();
            w.WriteNumber("index"u8, position);
            w.WriteString("id"u8, callId);
            w.WriteString("type"u8, "function");
            w.WriteStartObject("function"u8);
            w.WriteString("name"u8, call.Name);
            w.WriteString("arguments"u8, call.Arguments);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public ChatStreamChunk Finish(int index, string finishReason) => Choice(index, finishReason, _ => { });

    /// <summary>The usage-only chunk OpenAI sends last when asked: no choices, and the usage.</summary>
    public ChatStreamChunk Usage(JsonObject usage) => Write(w =>
    {
        w.WriteStartArray("choices"u8);
        w.WriteEndArray();
        w.WritePropertyName("usage"u8);
        usage.WriteTo(w);
    });

    private ChatStreamChunk Choice(int index, string? finishReason, Action<Utf8JsonWriter> writeDelta) => Write(w =>
    {
        w.WriteStartArray("choices"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, index);
        w.WriteStartObject("delta"u8);
        writeDelta(w);
        w.WriteEndObject();
        if (finishReason is null)
        {
            w.WriteNull("finish_reason"u8);
        }
        else
        {
            w.WriteString("finish_reason"u8, finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
    });

    private ChatStreamChunk Write(Action<Utf8JsonWriter> writeRest)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, id);
            writer.WriteString("object"u8, "chat.completion.chunk");
            writer.WriteNumber("created"u8, created);
            writer.WriteString("model"u8, model);
            writeRest(writer);
            writer.WriteEndObject();
        }

        return new ChatStreamChunk(buffer.WrittenMemory.ToArray());
    }
}
