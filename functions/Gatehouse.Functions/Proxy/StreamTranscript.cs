using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Providers;

namespace Gatehouse.Proxy;

/// <summary>
/// A relayed stream's answer, put together from its deltas: per choice the assistant text and each tool call's id,
/// name and arguments, up to a cap on the text kept (UTF-8 bytes over all choices); past it the rest is dropped and
/// <see cref="Truncated"/> is set. <see cref="ToAnswer"/> gives it the shape of a JSON chat answer, so both are read
/// (and redacted) the same way.
/// </summary>
internal sealed class StreamTranscript(int maxBytes)
{
    private readonly SortedDictionary<int, Choice> _choices = [];
    private int _bytes;
    private string? _id;
    private string? _model;

    public bool Truncated { get; private set; }

    public void Add(ChatStreamChunk chunk)
    {
        if (chunk.IsDone || chunk.Json is not { } json || json["choices"] is not JsonArray choices)
        {
            return;
        }

        _id ??= Text(json["id"]);
        _model ??= Text(json["model"]);
        foreach (var item in choices)
        {
            var index = item?["index"] is JsonValue at && at.TryGetValue<int>(out var number) ? number : 0;
            if (!_choices.TryGetValue(index, out var choice))
            {
                _choices[index] = choice = new Choice();
            }

            choice.FinishReason = Text(item?["finish_reason"]) ?? choice.FinishReason;
            Append(choice.Content, Text(item?["delta"]?["content"]));
            foreach (var call in item?["delta"]?["tool_calls"] as JsonArray ?? [])
            {
                var callIndex = call?["index"] is JsonValue ci && ci.TryGetValue<int>(out var n) ? n : 0;
                if (!choice.ToolCalls.TryGetValue(callIndex, out var tool))
                {
                    choice.ToolCalls[callIndex] = tool = new ToolCall();
                }

                tool.Id ??= Text(call?["id"]);
                tool.Name ??= Text(call?["function"]?["name"]);
                Append(tool.Arguments, Text(call?["function"]?["arguments"]));
            }
        }
    }

    public JsonObject ToAnswer()
    {
        var choices = new JsonArray();
        foreach (var (index, choice) in _choices)
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = choice.Content.ToString() };
            if (choice.ToolCalls.Count > 0)
            {
                message["tool_calls"] = new JsonArray([.. choice.ToolCalls.Select(c => (JsonNode)new JsonObject
                {
                    ["index"] = c.Key,
                    ["id"] = c.Value.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = c.Value.Name, ["arguments"] = c.Value.Arguments.ToString() },
                })]);
            }

            choices.Add(new JsonObject { ["index"] = index, ["message"] = message, ["finish_reason"] = choice.FinishReason });
        }

        return new JsonObject { ["id"] = _id, ["object"] = "chat.completion", ["model"] = _model, ["stream"] = true, ["choices"] = choices };
    }

    private void Append(StringBuilder text, string? piece)
    {
        if (string.IsNullOrEmpty(piece) || Truncated)
        {
            return;
        }

        var size = Encoding.UTF8.GetByteCount(piece);
        if (_bytes + size > maxBytes)
        {
            Truncated = true;
            text.Append(Audit.Bodies.AuditBodyDocument.Cut(Encoding.UTF8.GetBytes(piece), maxBytes - _bytes));
            _bytes = maxBytes;
            return;
        }

        _bytes += size;
        text.Append(piece);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private sealed class Choice
    {
        public StringBuilder Content { get; } = new();

        public SortedDictionary<int, ToolCall> ToolCalls { get; } = [];

        public string? FinishReason { get; set; }
    }

    private sealed class ToolCall
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
