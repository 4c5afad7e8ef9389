using System.Text.Json;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>The JSON of <c>chat.completion</c> and <c>chat.completion.chunk</c> objects, field for field as OpenAI sends them.</summary>
internal static class ChatJson
{
    private const string Fingerprint = "fp_fake";

    /// <param name="cut">The answer stopped at the token limit: <c>finish_reason</c> is <c>length</c>.</param>
    /// <param name="withUsage">False for servers that never report usage: no <c>usage</c> field at all.</param>
    public static byte[] Completion(
        string id, long created, string model, string content, bool cut, int promptTokens, int completionTokens, bool withUsage) =>
        JsonResponse.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("id"u8, id);
            w.WriteString("object"u8, "chat.completion"u8);
            w.WriteNumber("created"u8, created);
            w.WriteString("model"u8, model);
            w.WriteStartArray("choices"u8);
            w.WriteStartObject();
            w.WriteNumber("index"u8, 0);
            w.WriteStartObject("message"u8);
            w.WriteString("role"u8, "assistant"u8);
            w.WriteString("content"u8, content);
            w.WriteNull("refusal"u8);
            w.WriteStartArray("annotations"u8);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteNull("logprobs"u8);
            w.WriteString("finish_reason"u8, FinishReason(cut));
            w.WriteEndObject();
            w.WriteEndArray();
            if (withUsage) WriteUsage(w, promptTokens, completionTokens);
            w.WriteString("service_tier"u8, "default"u8);
            w.WriteString("system_fingerprint"u8, Fingerprint);
            w.WriteEndObject();
        });

    public static byte[] RoleChunk(ChatStreamIdentity stream) => Chunk(stream, w =>
    {
        w.WriteString("role"u8, "assistant"u8);
        w.WriteString("content"u8, ""u8);
        w.WriteNull("refusal"u8);
    }, finish: null);

    public static byte[] ContentChunk(ChatStreamIdentity stream, string content) =>
        Chunk(stream, w => w.WriteString("content"u8, content), finish: null);

    /// <param name="cut">The answer stopped at the token limit: <c>finish_reason</c> is <c>length</c>.</param>
    public static byte[] FinishChunk(ChatStreamIdentity stream, bool cut) => Chunk(stream, static _ => { }, finish: FinishReason(cut));

    /// <summary>The extra chunk for <c>include_usage</c>: no choices, just the totals.</summary>
    public static byte[] UsageChunk(ChatStreamIdentity stream, int promptTokens, int completionTokens) =>
        JsonResponse.Build(w =>
        {
            WriteChunkStart(w, stream);
            w.WriteStartArray("choices"u8);
            w.WriteEndArray();
            WriteUsage(w, promptTokens, completionTokens);
            w.WriteEndObject();
        });

    private static byte[] Chunk(ChatStreamIdentity stream, Action<Utf8JsonWriter> writeDelta, string? finish) =>
        JsonResponse.Build(w =>
        {
            WriteChunkStart(w, stream);
            w.WriteStartArray("choices"u8);
            w.WriteStartObject();
            w.WriteNumber("index"u8, 0);
            w.WriteStartObject("delta"u8);
            writeDelta(w);
            w.WriteEndObject();
            w.WriteNull("logprobs"u8);
            if (finish is null) w.WriteNull("finish_reason"u8); else w.WriteString("finish_reason"u8, finish);
            w.WriteEndObject();
            w.WriteEndArray();
            if (stream.UsageNull) w.WriteNull("usage"u8);
            w.WriteEndObject();
        });

    private static string FinishReason(bool cut) => cut ? "length" : "stop";

    private static void WriteChunkStart(Utf8JsonWriter w, ChatStreamIdentity stream)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, stream.Id);
        w.WriteString("object"u8, "chat.completion.chunk"u8);
        w.WriteNumber("created"u8, stream.Created);
        w.WriteString("model"u8, stream.Model);
        w.WriteString("service_tier"u8, "default"u8);
        w.WriteString("system_fingerprint"u8, Fingerprint);
    }

    private static void WriteUsage(Utf8JsonWriter w, int promptTokens, int completionTokens)
    {
        w.WriteStartObject("usage"u8);
        w.WriteNumber("prompt_tokens"u8, promptTokens);
        w.WriteNumber("completion_tokens"u8, completionTokens);
        w.WriteNumber("total_tokens"u8, (long)promptTokens + completionTokens);
        w.WriteStartObject("prompt_tokens_details"u8);
        w.WriteNumber("cached_tokens"u8, 0);
        w.WriteNumber("audio_tokens"u8, 0);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details"u8);
        w.WriteNumber("reasoning_tokens"u8, 0);
        w.WriteNumber("audio_tokens"u8, 0);
        w.WriteNumber("accepted_prediction_tokens"u8, 0);
        w.WriteNumber("rejected_prediction_tokens"u8, 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
