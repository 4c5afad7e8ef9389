using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Guardrails.Redaction;
using Gatehouse.Providers;

namespace Gatehouse.Guardrails.Streaming;

/// <summary>The chunk JSON the <see cref="StreamingGuardrailScanner"/> reads and writes: texts, flush chunks, serialisation.</summary>
internal static class StreamChunkJson
{
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>
    /// Whether the chunk's bytes have a <c>[</c> followed by a capital letter or digit, as every placeholder starts
    /// (JSON's own arrays open with <c>[{</c>, <c>["</c> or <c>[]</c>). Without one it has nothing to restore.
    /// </summary>
    public static bool MayHoldPlaceholder(ReadOnlySpan<byte> data)
    {
        for (var at = data.IndexOf((byte)'['); at >= 0 && at + 1 < data.Length; at = data[(at + 1)..].IndexOf((byte)'[') is var next and >= 0 ? at + 1 + next : -1)
        {
            if (char.IsAsciiLetterUpper((char)data[at + 1]) || char.IsAsciiDigit((char)data[at + 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds released text to a choice's flush delta: as <c>content</c>, or as a tool call's <c>arguments</c>.</summary>
    public static void AddFlush(ref Dictionary<int, JsonObject>? flushes, int choice, string released, int? tool)
    {
        if (released.Length == 0)
        {
            return;
        }

        flushes ??= [];
        if (!flushes.TryGetValue(choice, out var delta))
        {
            flushes[choice] = delta = [];
        }

        if (tool is not { } index)
        {
            delta["content"] = released;
            return;
        }

        if (delta["tool_calls"] is not JsonArray calls)
        {
            delta["tool_calls"] = calls = [];
        }

        calls.Add(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = released } });
    }

    /// <summary>A chunk like <paramref name="template"/>, carrying only the flushed deltas (no finish reason, no usage figures).</summary>
    public static ChatStreamChunk FlushChunk(JsonObject template, Dictionary<int, JsonObject> flushes)
    {
        var chunk = new JsonObject();
        foreach (var (name, value) in template)
        {
            if (name == "choices")
            {
                var choices = new JsonArray();
                foreach (var (index, delta) in flushes)
                {
                    choices.Add(new JsonObject { ["index"] = index, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = null });
                }

                chunk["choices"] = choices;
            }
            else if (name != "usage" || value is null)
            {
                chunk[name] = value?.DeepClone();
            }
        }

        return new ChatStreamChunk(Serialize(chunk, 512));
    }

    public static byte[] Serialize(JsonObject json, int sizeHint)
    {
        var buffer = new ArrayBufferWriter<byte>(sizeHint);
        using (var writer = new Utf8JsonWriter(buffer, RelaxedJson.WriterOptions))
        {
            json.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
