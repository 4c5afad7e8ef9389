using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.OpenAICompatible;

/// <summary>Reading and writing the OpenAI JSON shapes the adapter needs.</summary>
internal static class OpenAIWire
{

    /// <summary>
    /// Writes the client's body with <c>model</c> replaced, and with <c>stream_options.include_usage</c> set when
    /// <paramref name="addStreamUsage"/>, without mutating or cloning the parsed tree.
    /// </summary>
    public static byte[] WriteBody(JsonObject body, string model, bool addStreamUsage = false) => Write(body, model, addStreamUsage);

    /// <summary>
    /// As <see cref="WriteBody"/>, but with the client's <c>model</c> left out and none written: Azure OpenAI takes the
    /// deployment from the URL.
    /// </summary>
    public static byte[] WriteBodyWithoutModel(JsonObject body, bool addStreamUsage = false) => Write(body, null, addStreamUsage);

    private static byte[] Write(JsonObject body, string? model, bool addStreamUsage)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (model is not null)
            {
                writer.WriteString("model", model);
            }

            WriteMembersExcept(writer, body, "model", addStreamUsage ? "stream_options" : null);

            if (addStreamUsage)
            {
                WriteStreamOptionsWithUsage(writer, body["stream_options"] as JsonObject);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The client's other stream options kept, <c>include_usage</c> set to true.</summary>
    private static void WriteStreamOptionsWithUsage(Utf8JsonWriter writer, JsonObject? given)
    {
        writer.WriteStartObject("stream_options");
        if (given is not null)
        {
            WriteMembersExcept(writer, given, "include_usage");
        }

        writer.WriteBoolean("include_usage", true);
        writer.WriteEndObject();
    }

    /// <summary>Copies an object's members as they are, but for the named ones (which the caller writes itself).</summary>
    private static void WriteMembersExcept(Utf8JsonWriter writer, JsonObject source, string skipped, string? alsoSkipped = null)
    {
        foreach (var (name, value) in source)
        {
            if (name == skipped || name == alsoSkipped)
            {
                continue;
            }

            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }
    }

    /// <summary>The provider's own error message (<c>error.message</c>), bounded in size; never its headers.</summary>
    public static async ValueTask<string> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await ProviderErrorBody.ReadAsync(response, cancellationToken)) is JsonObject body
        && body["error"] is JsonObject error && error["message"] is JsonValue value
        && value.TryGetValue<string>(out var message) && !string.IsNullOrWhiteSpace(message)
            ? ProviderErrorBody.Truncate(message)
            : ProviderErrorBody.StatusMessage(response);
}
