using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// An Anthropic Message as an OpenAI <c>chat.completion</c>: text blocks joined into <c>content</c>, <c>tool_use</c>
/// blocks as <c>tool_calls</c> (arguments serialised), the stop reason and usage translated. Thinking blocks are left
/// out; OpenAI's shape has no place for them.
/// </summary>
internal static class AnthropicResponseReader
{
    public static JsonObject ToChatCompletion(JsonObject message, long created)
    {
        var text = new System.Text.StringBuilder();
        var toolCalls = new JsonArray();
        var sawText = false;
        foreach (var block in message["content"] as JsonArray ?? [])
        {
            switch (AnthropicJson.String(block?["type"]))
            {
                case "text":
                    text.Append(AnthropicJson.String(block!["text"]));
                    sawText = true;
                    break;
                case "tool_use":
                    toolCalls.Add(ToolCall(block!));
                    break;
            }
        }

        var reply = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = sawText || toolCalls.Count == 0 ? text.ToString() : null,
        };
        if (toolCalls.Count > 0)
        {
            reply["tool_calls"] = toolCalls;
        }

        return new JsonObject
        {
            ["id"] = AnthropicJson.String(message["id"]) ?? "msg_unknown",
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = AnthropicJson.String(message["model"]) ?? "",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = reply,
                ["logprobs"] = null,
                ["finish_reason"] = AnthropicStopReasons.ToFinishReason(AnthropicJson.String(message["stop_reason"])),
            }),
            ["usage"] = AnthropicUsage.Read(message["usage"]).ToOpenAI(),
        };
    }

    private static JsonObject ToolCall(JsonNode block) => new()
    {
        ["id"] = AnthropicJson.String(block["id"]) ?? "",
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = AnthropicJson.String(block["name"]) ?? "",
            ["arguments"] = block["input"]?.ToJsonString() ?? "{}",
        },
    };
}
