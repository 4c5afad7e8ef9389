using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>
/// The parts of a Messages API request the fake answers from, checked the way Anthropic checks them (its 400
/// messages), so a gateway that writes a malformed body hears about it as it would from the real API.
/// </summary>
internal sealed record MessagesRequest(
    string Model,
    int MaxTokens,
    bool Stream,
    IReadOnlyList<string> StopSequences,
    string LastUserText,
    string? LastToolResult,
    FakeTool? FirstTool,
    int InputTokens)
{
    public static bool TryParse(JsonElement root, [NotNullWhen(true)] out MessagesRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString()!.Length == 0)
            return Fail("model: Field required", out error);
        if (!root.TryGetProperty("max_tokens", out var max))
            return Fail("max_tokens: Field required", out error);
        if (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out var maxTokens))
            return Fail("max_tokens: Input should be a valid integer", out error);
        if (maxTokens < 1)
            return Fail("max_tokens: Input should be greater than or equal to 1", out error);
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            return Fail("messages: Field required", out error);

        var conversation = new MessagesConversation();
        if (root.TryGetProperty("system", out var system))
            conversation.CountSystem(system);
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (!conversation.TryAdd(message, index++, out error))
                return false;
        }
        if (!conversation.TryFinish(out error))
            return false;

        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var stops = root.TryGetProperty("stop_sequences", out var stop) && stop.ValueKind == JsonValueKind.Array
            ? stop.EnumerateArray().Select(e => e.GetString() ?? "").Where(e => e.Length > 0).ToList()
            : [];
        var tool = root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0
            ? FakeTool.From(tools[0])
            : null;
        request = new MessagesRequest(model.GetString()!, maxTokens, stream, stops, conversation.LastUserText,
            conversation.LastToolResult, tool, conversation.Tokens);
        error = null;
        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }

    internal static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
