using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Audit.Bodies;

/// <summary>
/// The plaintext that is encrypted: <c>{"prompt":…,"response":…,"truncated":bool}</c>. Prompt and response are JSON
/// while each fits in <c>maxBytes</c> (UTF-8); a larger one is kept as a string of its first <c>maxBytes</c> of JSON
/// text (cut on a character boundary) and <c>truncated</c> is true.
/// </summary>
public static class AuditBodyDocument
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="truncated">Already cut before it got here (a stream's text past the cap).</param>
    public static byte[] Build(JsonNode? prompt, JsonNode? response, int maxBytes, bool truncated)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("prompt");
            truncated |= WriteCapped(writer, prompt, maxBytes);
            writer.WritePropertyName("response");
            truncated |= WriteCapped(writer, response, maxBytes);
            writer.WriteBoolean("truncated", truncated);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the node, or its cut JSON text as a string when it is over the cap; true when it was cut.</summary>
    private static bool WriteCapped(Utf8JsonWriter writer, JsonNode? node, int maxBytes)
    {
        if (node is null)
        {
            writer.WriteNullValue();
            return false;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(node, JsonSerializerOptions.Default);
        if (json.Length <= maxBytes)
        {
            writer.WriteRawValue(json, skipInputValidation: true);
            return false;
        }

        writer.WriteStringValue(Cut(json, maxBytes));
        return true;
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes, backed off to the start of a UTF-8 character.</summary>
    public static string Cut(ReadOnlySpan<byte> utf8, int maxBytes)
    {
        var end = Math.Min(maxBytes, utf8.Length);
        while (end > 0 && end < utf8.Length && (utf8[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return Encoding.UTF8.GetString(utf8[..end]);
    }
}
