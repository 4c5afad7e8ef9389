using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// Writes OpenAI <c>chat.completion.chunk</c> events for one stream; every chunk carries the same id, created and model.
/// Never writes a <c>"usage":null</c> member: only the final usage chunk has usage at all.
/// </summary>
internal sealed class AnthropicChunkWriter(string id, long created, string model)
{
    // As OpenAI writes them: quotes, '<' and non-ASCII text unescaped. These are API payloads, never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ChatStreamChunk Role() => Choice(delta =>
    {
        delta.WriteString("role", "assistant");
        delta.WriteString("content", "");
    });

    public ChatStreamChunk Content(string text) => Choice(delta => delta.WriteString("content", text));

    public ChatStreamChunk ToolStart(int index, string toolCallId, string name) => ToolCall(index, call =>
    {
        call.WriteString("id", toolCallId);
        call.WriteString("type", "function");
        call.WriteStartObject("function");
        call.WriteString("name", name);
        call.WriteString("arguments", "");
        call.WriteEndObject();
    });

    public ChatStreamChunk ToolArguments(int index, string fragment) => ToolCall(index, call =>
    {
        call.WriteStartObject("function");
        call.WriteString("arguments", fragment);
        call.WriteEndObject();
    });

    public ChatStreamChunk Finish(string finishReason) => Choice(_ => { }, finishReason);

    /// <summary>The usage-only chunk OpenAI sends last with <c>stream_options.include_usage</c>: no choices.</summary>
    public ChatStreamChunk Usage(AnthropicUsage usage) => Write(writer =>
    {
        writer.WriteStartArray("choices");
        writer.WriteEndArray();
        usage.WriteOpenAI(writer);
    });

    private ChatStreamChunk ToolCall(int index, Action<Utf8JsonWriter> writeCall) => Choice(delta =>
    {
        delta.WriteStartArray("tool_calls");
        delta.WriteStartObject();
        delta.WriteNumber("index", index);
        writeCall(delta);
        delta.WriteEndObject();
        delta.WriteEndArray();
    });

    private ChatStreamChunk Choice(Action<Utf8JsonWriter> writeDelta, string? finishReason = null) => Write(writer =>
    {
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("delta");
        writeDelta(writer);
        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        if (finishReason is null)
        {
            writer.WriteNull("finish_reason");
        }
        else
        {
            writer.WriteString("finish_reason", finishReason);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    });

    private ChatStreamChunk Write(Action<Utf8JsonWriter> writeBody)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("object", "chat.completion.chunk");
            writer.WriteNumber("created", created);
            writer.WriteString("model", model);
            writeBody(writer);
            writer.WriteEndObject();
        }

        return new ChatStreamChunk(buffer.WrittenMemory);
    }
}
