using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// The parts of a chat completions request the fake answers from. <paramref name="MaxTokens"/>:
/// <c>max_completion_tokens</c>, else the older <c>max_tokens</c>; null when neither is set.
/// </summary>
internal sealed record ChatRequest(string Model, bool Stream, bool IncludeUsage, int? MaxTokens, int PromptTokens, string LastUserText)
{
    public static bool TryParse(JsonElement root, [NotNullWhen(true)] out ChatRequest? request, [NotNullWhen(false)] out RequestError? error)
    {
        request = null;
        if (!RequestFields.TryGetModel(root, out var model, out error))
            return false;

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null)
        {
            error = RequestFields.Missing("messages");
            return false;
        }
        if (messages.ValueKind != JsonValueKind.Array)
        {
            error = RequestFields.InvalidType("messages", "an array of objects", messages);
            return false;
        }
        if (messages.GetArrayLength() == 0)
        {
            error = new RequestError("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                "messages", "empty_array");
            return false;
        }

        long chars = 0;
        var lastUser = "";
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                error = RequestFields.InvalidType($"messages[{index}]", "an object", message);
                return false;
            }
            var text = message.TryGetProperty("content", out var content) ? TextOf(content) : "";
            chars += text.Length;
            if (message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String && role.ValueEquals("user"u8))
                lastUser = text;
            index++;
        }

        if (!RequestFields.TryGetOptionalBool(root, "stream", "stream", out var stream, out error))
            return false;
        var includeUsage = false;
        if (root.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind == JsonValueKind.Object
            && !RequestFields.TryGetOptionalBool(streamOptions, "include_usage", "stream_options.include_usage", out includeUsage, out error))
        {
            return false;
        }

        if (!RequestFields.TryGetOptionalPositiveInt(root, "max_completion_tokens", out var maxCompletionTokens, out error)
            || !RequestFields.TryGetOptionalPositiveInt(root, "max_tokens", out var maxTokens, out error))
        {
            return false;
        }

        // A rough 4-characters-per-token estimate: enough for gateways that meter tokens.
        var promptTokens = (int)Math.Max(1, Math.Min(int.MaxValue, chars / 4));
        request = new ChatRequest(model, stream, includeUsage, maxCompletionTokens ?? maxTokens, promptTokens, lastUser);
        error = null;
        return true;
    }

    /// <summary>A message's text: a string, or the text parts of a content array (images and such are skipped).</summary>
    private static string TextOf(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var partText)
                        && partText.ValueKind == JsonValueKind.String)
                    {
                        if (text.Length > 0) text.Append(' ');
                        text.Append(partText.GetString());
                    }
                }
                return text.ToString();
            default:
                return "";
        }
    }
}
