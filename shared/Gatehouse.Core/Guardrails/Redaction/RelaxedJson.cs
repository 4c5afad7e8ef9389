using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gatehouse.Guardrails.Redaction;

/// <summary>
/// JSON as rewritten answers and chunks are written: non-ASCII text stays UTF-8 instead of <c>\uXXXX</c> escapes (these
/// are API payloads, never HTML), so a rewritten chunk is about as long as the one it replaces.
/// </summary>
internal static class RelaxedJson
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text as it reads inside a JSON string (without the quotes).</summary>
    public static string Escape(string text) => JsonSerializer.Serialize(text, Options)[1..^1];
}
