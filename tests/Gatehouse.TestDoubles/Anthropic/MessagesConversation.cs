using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>
/// Walks a request's messages with Anthropic's rules: roles <c>user</c>/<c>assistant</c>, alternating, the first a user
/// turn; non-empty text blocks; each <c>tool_use</c> answered by a <c>tool_result</c> in the very next message. Counts
/// input tokens as one per word plus three per message, and keeps what the answer echoes.
/// </summary>
internal sealed class MessagesConversation
{
    private HashSet<string> _openToolUses = [];
    private string? _lastRole;
    private int _words;
    private int _count;

    public string LastUserText { get; private set; } = "";

    /// <summary>The text of the first tool result in the last message, when that message is a user turn holding one.</summary>
    public string? LastToolResult { get; private set; }

    public int Tokens => _words + (3 * _count) + 3;

    public void CountSystem(JsonElement system)
    {
        if (system.ValueKind == JsonValueKind.String)
            _words += Words(system.GetString());
        else if (system.ValueKind == JsonValueKind.Array)
            _words += system.EnumerateArray().Sum(b => Words(Text(b)));
    }

    public bool TryAdd(JsonElement message, int index, [NotNullWhen(false)] out string? error)
    {
        var at = MessagesRequest.Index(index);
        var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        error = role switch
        {
            not ("user" or "assistant") => $"messages.{at}.role: Input should be 'user' or 'assistant'",
            _ when _lastRole is null && role != "user" => "messages: first message must use the \"user\" role",
            _ when role == _lastRole => $"messages: roles must alternate between \"user\" and \"assistant\", but found multiple \"{role}\" roles in a row",
            _ => null,
        };
        if (error is not null)
            return false;

        _count++;
        var answered = new HashSet<string>();
        var text = new StringBuilder();
        string? toolResult = null;
        if (!message.TryGetProperty("content", out var content))
            return Fail($"messages.{at}.content: Field required", out error);
        if (content.ValueKind == JsonValueKind.String)
        {
            text.Append(content.GetString());
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                var type = block.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (type == "text" && Text(block).Length == 0)
                    return Fail("messages: text content blocks must be non-empty", out error);
                if (type == "text")
                    text.Append(Text(block));
                else if (type == "tool_use" && role == "assistant")
                    answered.Add(block.GetProperty("id").GetString() ?? "");
                else if (type == "tool_result" && role == "user")
                {
                    var id = block.TryGetProperty("tool_use_id", out var toolUseId) ? toolUseId.GetString() ?? "" : "";
                    if (!_openToolUses.Remove(id))
                        return Fail($"messages.{at}.content: unexpected `tool_use_id` found in `tool_result` blocks: {id}. "
                            + "Each `tool_result` block must have a corresponding `tool_use` block in the previous message.", out error);
                    var result = block.TryGetProperty("content", out var c) ? Text(c) : "";
                    toolResult ??= result;
                    _words += Words(result);
                }
            }
        }
        else
        {
            return Fail($"messages.{at}.content: Input should be a valid list", out error);
        }

        if (_openToolUses.Count > 0)
            return Fail($"messages.{at}: `tool_use` ids were found without `tool_result` blocks immediately after: "
                + string.Join(", ", _openToolUses) + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message.", out error);

        _openToolUses = answered;
        _words += Words(text.ToString());
        _lastRole = role;
        if (role == "user")
            LastUserText = text.ToString();
        LastToolResult = role == "user" ? toolResult : null;
        return true;
    }

    public bool TryFinish([NotNullWhen(false)] out string? error)
    {
        error = _count == 0 ? "messages: at least one message is required" : null;
        return error is null;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }

    /// <summary>A block's text, a string's value, or the texts of an array of blocks.</summary>
    private static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? "",
        JsonValueKind.Array => string.Concat(element.EnumerateArray().Select(Text)),
        JsonValueKind.Object when element.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String => text.GetString() ?? "",
        _ => "",
    };

    private static int Words(string? text) => text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
}
