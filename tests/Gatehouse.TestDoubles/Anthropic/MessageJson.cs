using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>The JSON Anthropic sends: a whole Message, and the data of each stream event.</summary>
internal static class MessageJson
{
    public static byte[] Message(string id, string model, FakeReply reply, int inputTokens) => JsonResponse.Build(w =>
    {
        w.WriteStartObject();
        WriteHead(w, id, model);
        w.WriteStartArray("content");
        if (reply.Tool is { } tool)
        {
            w.WriteStartObject();
            w.WriteString("type", "tool_use");
            w.WriteString("id", AnthropicIds.New("toolu_01"));
            w.WriteString("name", tool.Name);
            w.WritePropertyName("input");
            w.WriteRawValue(tool.Input);
            w.WriteEndObject();
        }
        else
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", reply.Text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("stop_reason", reply.StopReason);
        WriteStopSequence(w, reply.StopSequence);
        WriteUsage(w, inputTokens, reply.OutputTokens);
        w.WriteEndObject();
    });

    public static byte[] MessageStart(string id, string model, int inputTokens) => Event("message_start", w =>
    {
        w.WriteStartObject("message");
        WriteHead(w, id, model);
        w.WriteStartArray("content");
        w.WriteEndArray();
        w.WriteNull("stop_reason");
        w.WriteNull("stop_sequence");
        WriteUsage(w, inputTokens, 1);
        w.WriteEndObject();
    });

    public static byte[] TextBlockStart(int index) => Event("content_block_start", w =>
    {
        w.WriteNumber("index", index);
        w.WriteStartObject("content_block");
        w.WriteString("type", "text");
        w.WriteString("text", "");
        w.WriteEndObject();
    });

    public static byte[] ToolBlockStart(int index, string id, string name) => Event("content_block_start", w =>
    {
        w.WriteNumber("index", index);
        w.WriteStartObject("content_block");
        w.WriteString("type", "tool_use");
        w.WriteString("id", id);
        w.WriteString("name", name);
        w.WriteStartObject("input");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] Delta(int index, string type, string field, string value) => Event("content_block_delta", w =>
    {
        w.WriteNumber("index", index);
        w.WriteStartObject("delta");
        w.WriteString("type", type);
        w.WriteString(field, value);
        w.WriteEndObject();
    });

    public static byte[] BlockStop(int index) => Event("content_block_stop", w => w.WriteNumber("index", index));

    public static byte[] MessageDelta(FakeReply reply, int outputTokens) => Event("message_delta", w =>
    {
        w.WriteStartObject("delta");
        w.WriteString("stop_reason", reply.StopReason);
        WriteStopSequence(w, reply.StopSequence);
        w.WriteEndObject();
        w.WriteStartObject("usage");
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteEndObject();
    });

    public static byte[] Error(string type, string message) => Event("error", w =>
    {
        w.WriteStartObject("error");
        w.WriteString("type", type);
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    public static byte[] Event(string type, Action<Utf8JsonWriter>? body = null) => JsonResponse.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        body?.Invoke(w);
        w.WriteEndObject();
    });

    private static void WriteHead(Utf8JsonWriter w, string id, string model)
    {
        w.WriteString("id", id);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", model);
    }

    private static void WriteStopSequence(Utf8JsonWriter w, string? stopSequence)
    {
        if (stopSequence is null) w.WriteNull("stop_sequence"); else w.WriteString("stop_sequence", stopSequence);
    }

    private static void WriteUsage(Utf8JsonWriter w, int inputTokens, int outputTokens)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", inputTokens);
        w.WriteNumber("cache_creation_input_tokens", 0);
        w.WriteNumber("cache_read_input_tokens", 0);
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteEndObject();
    }
}
