using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.AzureOpenAI;

/// <summary>
/// Azure's <c>chat.completion</c> and chunk JSON: OpenAI's members (Azure writes them in alphabetical order) plus
/// <c>prompt_filter_results</c> on the answer and <c>content_filter_results</c> on each choice.
/// </summary>
internal static class AzureChatJson
{
    public const string Fingerprint = "fp_b705f0c291";

    /// <summary>The verdict per category; the prompt's also says whether a jailbreak was detected.</summary>
    public static void WriteFilterResults(Utf8JsonWriter w, bool jailbreak, string violenceSeverity = "safe")
    {
        w.WriteStartObject();
        WriteCategory(w, "hate"u8, "safe");
        if (jailbreak)
        {
            w.WriteStartObject("jailbreak"u8);
            w.WriteBoolean("filtered"u8, false);
            w.WriteBoolean("detected"u8, false);
            w.WriteEndObject();
        }

        WriteCategory(w, "self_harm"u8, "safe");
        WriteCategory(w, "sexual"u8, "safe");
        WriteCategory(w, "violence"u8, violenceSeverity);
        w.WriteEndObject();
    }

    /// <summary>The first event of every Azure stream: the prompt's verdicts, no choices, blank identity.</summary>
    public static byte[] PromptFilterChunk() => JsonResponse.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("choices"u8);
        w.WriteEndArray();
        w.WriteNumber("created"u8, 0);
        w.WriteString("id"u8, ""u8);
        w.WriteString("model"u8, ""u8);
        w.WriteString("object"u8, ""u8);
        WritePromptFilterResults(w);
        w.WriteEndObject();
    });

    public static byte[] Completion(AzureStream s, Action<Utf8JsonWriter> writeMessage, string finishReason, int promptTokens, int completionTokens) =>
        JsonResponse.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("choices"u8);
            w.WriteStartObject();
            w.WritePropertyName("content_filter_results"u8);
            WriteFilterResults(w, jailbreak: false);
            w.WriteString("finish_reason"u8, finishReason);
            w.WriteNumber("index"u8, 0);
            w.WriteNull("logprobs"u8);
            w.WriteStartObject("message"u8);
            writeMessage(w);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            WriteIdentity(w, s, "chat.completion");
            WritePromptFilterResults(w);
            w.WriteString("system_fingerprint"u8, Fingerprint);
            WriteUsage(w, promptTokens, completionTokens);
            w.WriteEndObject();
        });

    /// <param name="filtered">False for the role and finish chunks, whose <c>content_filter_results</c> Azure leaves empty.</param>
    public static byte[] Chunk(AzureStream s, Action<Utf8JsonWriter> writeDelta, string? finishReason, bool filtered) =>
        JsonResponse.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("choices"u8);
            w.WriteStartObject();
            w.WritePropertyName("content_filter_results"u8);
            if (filtered)
            {
                WriteFilterResults(w, jailbreak: false);
            }
            else
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }

            w.WriteStartObject("delta"u8);
            writeDelta(w);
            w.WriteEndObject();
            if (finishReason is null) w.WriteNull("finish_reason"u8); else w.WriteString("finish_reason"u8, finishReason);
            w.WriteNumber("index"u8, 0);
            w.WriteNull("logprobs"u8);
            w.WriteEndObject();
            w.WriteEndArray();
            WriteIdentity(w, s, "chat.completion.chunk");
            w.WriteString("system_fingerprint"u8, Fingerprint);
            w.WriteEndObject();
        });

    /// <summary>The <c>include_usage</c> chunk: no choices, the totals.</summary>
    public static byte[] UsageChunk(AzureStream s, int promptTokens, int completionTokens) => JsonResponse.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("choices"u8);
        w.WriteEndArray();
        WriteIdentity(w, s, "chat.completion.chunk");
        w.WriteString("system_fingerprint"u8, Fingerprint);
        WriteUsage(w, promptTokens, completionTokens);
        w.WriteEndObject();
    });

    private static void WriteIdentity(Utf8JsonWriter w, AzureStream s, string type)
    {
        w.WriteNumber("created"u8, s.Created);
        w.WriteString("id"u8, s.Id);
        w.WriteString("model"u8, s.Model);
        w.WriteString("object"u8, type);
    }

    private static void WritePromptFilterResults(Utf8JsonWriter w)
    {
        w.WriteStartArray("prompt_filter_results"u8);
        w.WriteStartObject();
        w.WriteNumber("prompt_index"u8, 0);
        w.WritePropertyName("content_filter_results"u8);
        WriteFilterResults(w, jailbreak: true);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteCategory(Utf8JsonWriter w, ReadOnlySpan<byte> name, string severity)
    {
        w.WriteStartObject(name);
        w.WriteBoolean("filtered"u8, severity != "safe");
        w.WriteString("severity"u8, severity);
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, int promptTokens, int completionTokens)
    {
        w.WriteStartObject("usage"u8);
        w.WriteNumber("completion_tokens"u8, completionTokens);
        w.WriteStartObject("completion_tokens_details"u8);
        w.WriteNumber("accepted_prediction_tokens"u8, 0);
        w.WriteNumber("audio_tokens"u8, 0);
        w.WriteNumber("reasoning_tokens"u8, 0);
        w.WriteNumber("rejected_prediction_tokens"u8, 0);
        w.WriteEndObject();
        w.WriteNumber("prompt_tokens"u8, promptTokens);
        w.WriteStartObject("prompt_tokens_details"u8);
        w.WriteNumber("audio_tokens"u8, 0);
        w.WriteNumber("cached_tokens"u8, 0);
        w.WriteEndObject();
        w.WriteNumber("total_tokens"u8, (long)promptTokens + completionTokens);
        w.WriteEndObject();
    }
}
