using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// One Anthropic message being built: a role (<c>user</c> or <c>assistant</c>) and its content blocks. OpenAI
/// messages of the same role in a row (a run of tool results, a user message after them) become one turn.
/// </summary>
internal sealed class AnthropicTurn(string role)
{
    public string Role { get; } = role;

    public List<JsonObject> Blocks { get; } = [];

    /// <summary>Tool results go before any other block: Anthropic wants them first in a user message.</summary>
    public void AddToolResult(JsonObject block) =>
        Blocks.Insert(Blocks.Count(b => AnthropicJson.String(b["type"]) == "tool_result"), block);

    public static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };
}
