using System.Globalization;
using System.Text.Json;
using Gatehouse.Messaging;

namespace Gatehouse.Hosting;

/// <summary>
/// Reads a queue trigger's message and metadata out of the host's payload, tolerating the shapes different host
/// versions send: the message as a JSON object, as a string, or as a string that is JSON-encoded once more;
/// numbers as numbers or strings.
/// </summary>
internal static class QueueTriggerPayload
{
    public const string TriggerBindingName = "msg";

    public static bool TryRead(CustomHandlerRequest request, string functionName, out string messageText, out QueueMessageContext context)
    {
        messageText = "";
        context = new QueueMessageContext(functionName, "", 0, null);
        if (request.Data is null || !request.Data.TryGetValue(TriggerBindingName, out var message))
        {
            return false;
        }

        var text = message.ValueKind switch
        {
            JsonValueKind.String => Unwrap(message.GetString()!),
            JsonValueKind.Object or JsonValueKind.Array => message.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            return false;
        }

        messageText = text;
        var metadata = request.Metadata ?? [];
        context = new QueueMessageContext(
            functionName,
            ReadString(metadata, "Id") ?? "",
            long.TryParse(ReadString(metadata, "DequeueCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 1,
            DateTimeOffset.TryParse(ReadString(metadata, "InsertionTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var inserted) ? inserted : null);
        return true;
    }

    /// <summary>The host serialises string values with JSON once more; undo that when it happened.</summary>
    private static string Unwrap(string value)
    {
        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('"'))
        {
            try
            {
                return JsonSerializer.Deserialize<string>(trimmed) ?? value;
            }
            catch (JsonException)
            {
                return value;
            }
        }

        return value;
    }

    private static string? ReadString(Dictionary<string, JsonElement> metadata, string name) =>
        metadata.TryGetValue(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => Unwrap(value.GetString()!),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
