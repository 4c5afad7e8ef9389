using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// OpenAI <c>messages</c> as Anthropic's top-level <c>system</c> and alternating <c>user</c>/<c>assistant</c> turns:
/// system and developer messages are joined into <c>system</c>; assistant <c>tool_calls</c> become <c>tool_use</c> blocks;
/// <c>tool</c> messages become <c>tool_result</c> blocks of a user turn; same-role messages in a row merge.
/// </summary>
internal static class AnthropicMessageTranslator
{
    public static (string? System, List<AnthropicTurn> Turns) Translate(JsonNode? messages)
    {
        if (messages is not JsonArray array)
        {
            throw AnthropicUnsupported.Because("a request without a 'messages' array");
        }

        var system = new List<string>();
        var turns = new List<AnthropicTurn>();
        for (var i = 0; i < array.Count; i++)
        {
            var where = $"messages[{i}]";
            var message = array[i] as JsonObject ?? throw AnthropicUnsupported.Because($"{where} that is not an object");
            switch (AnthropicJson.String(message["role"]))
            {
                case "system" or "developer":
                    system.Add(string.Join("\n", AnthropicContentParts.TextsOf(message["content"], where)));
                    break;
                case "user":
                    AnthropicContentParts.AddUserContent(message["content"], TurnFor(turns, "user").Blocks, where);
                    break;
                case "assistant":
                    AddAssistant(message, TurnFor(turns, "assistant"), where);
                    break;
                case "tool":
                    TurnFor(turns, "user").AddToolResult(ToolResult(message, where));
                    break;
                case var role:
                    throw AnthropicUnsupported.Because($"messages with role '{role}' ({where})");
            }
        }

        return (system.Count == 0 ? null : string.Join("\n\n", system), turns);
    }

    /// <summary>The last turn when it has this role (Anthropic wants roles to alternate), else a new one.</summary>
    private static AnthropicTurn TurnFor(List<AnthropicTurn> turns, string role)
    {
        if (turns.Count > 0 && turns[^1].Role == role)
        {
            return turns[^1];
        }

        var turn = new AnthropicTurn(role);
        turns.Add(turn);
        return turn;
    }

    private static void AddAssistant(JsonObject message, AnthropicTurn turn, string where)
    {
        if (!AnthropicJson.IsNull(message["audio"]) || !AnthropicJson.IsNull(message["function_call"]))
        {
            throw AnthropicUnsupported.Because($"assistant audio or legacy function_call in the history ({where})");
        }

        AnthropicContentParts.AddText(string.Concat(AnthropicContentParts.TextsOf(message["content"], where)), turn.Blocks);
        if (message["tool_calls"] is not JsonArray calls)
        {
            return;
        }

        for (var j = 0; j < calls.Count; j++)
        {
            turn.Blocks.Add(ToolUse(calls[j] as JsonObject, $"{where}.tool_calls[{j}]"));
        }
    }

    private static JsonObject ToolUse(JsonObject? call, string where)
    {
        var function = call?["function"] as JsonObject;
        if (AnthropicJson.String(call?["type"]) is { } type && type != "function")
        {
            throw AnthropicUnsupported.Because($"tool calls of type '{type}' ({where})");
        }

        var id = AnthropicJson.String(call?["id"]) ?? throw AnthropicUnsupported.Because($"a tool call without an id ({where}.id)");
        var name = AnthropicJson.String(function?["name"]) ?? throw AnthropicUnsupported.Because($"a tool call without a name ({where}.function.name)");
        return new JsonObject
        {
            ["type"] = "tool_use",
            ["id"] = id,
            ["name"] = name,
            ["input"] = Arguments(AnthropicJson.String(function!["arguments"]), where),
        };
    }

    /// <summary>OpenAI sends arguments as a JSON string; Anthropic wants the object itself.</summary>
    private static JsonObject Arguments(string? arguments, string where)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(arguments) as JsonObject ?? throw AnthropicUnsupported.Because($"tool call arguments that are not a JSON object ({where}.function.arguments)");
        }
        catch (JsonException)
        {
            throw AnthropicUnsupported.Because($"tool call arguments that are not valid JSON ({where}.function.arguments)");
        }
    }

    private static JsonObject ToolResult(JsonObject message, string where)
    {
        var id = AnthropicJson.String(message["tool_call_id"]) ?? throw AnthropicUnsupported.Because($"a tool message without a tool_call_id ({where})");
        var block = new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = id };
        var texts = AnthropicContentParts.TextsOf(message["content"], where).Where(t => t.Length > 0).ToList();
        if (texts.Count == 1)
        {
            block["content"] = texts[0];
        }
        else if (texts.Count > 1)
        {
            block["content"] = new JsonArray([.. texts.Select(t => (JsonNode)AnthropicTurn.Text(t))]);
        }

        return block;
    }
}
