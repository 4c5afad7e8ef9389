using System.Text.Json;

namespace Gatehouse.TestDoubles.AzureOpenAI;

/// <summary>What the fake answers from: the body has no <c>model</c> (the deployment is in the URL).</summary>
internal sealed record AzureChatRequest(bool Stream, bool IncludeUsage, int? MaxTokens, int PromptTokens, string LastUserText, string? FirstToolName)
{
    public static AzureChatRequest Read(JsonElement root)
    {
        var chars = 0L;
        var lastUser = "";
        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                var text = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var content) ? TextOf(content) : "";
                chars += text.Length;
                if (message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String && role.ValueEquals("user"u8))
                    lastUser = text;
            }
        }

        var includeUsage = root.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage", out var include) && include.ValueKind == JsonValueKind.True;
        var tool = root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0
            && tools[0].TryGetProperty("function", out var function) && function.TryGetProperty("name", out var name) ? name.GetString() : null;
        return new AzureChatRequest(
            root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            includeUsage,
            PositiveInt(root, "max_completion_tokens") ?? PositiveInt(root, "max_tokens"),
            (int)Math.Max(1, Math.Min(int.MaxValue, chars / 4)), // about 4 characters a token
            lastUser,
            tool);
    }

    private static int? PositiveInt(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0 ? n : null;

    private static string TextOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Array => string.Join(' ', content.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            .Select(p => p.GetProperty("text").GetString())),
        _ => "",
    };
}
