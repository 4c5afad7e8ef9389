using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Streaming;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// Turns one Anthropic event stream into OpenAI chunks, event by event (one instance per stream). <c>message_start</c>
/// gives the role chunk; text and tool-input deltas become content and tool-call chunks; <c>message_stop</c>, the
/// stream's end marker, gives the finish chunk and the usage chunk, then <see cref="Completed"/>. An <c>error</c>
/// event throws <see cref="UpstreamStreamException"/>. Pings, block stops and event types added later are skipped.
/// </summary>
internal sealed class AnthropicStreamTranslator(long created)
{
    private readonly Dictionary<int, int> _toolCallByBlock = []; // Anthropic content-block index → OpenAI tool_calls index
    private AnthropicChunkWriter? _chunks;
    private AnthropicUsage _usage;
    private string? _stopReason;

    public bool Completed { get; private set; }

    public List<ChatStreamChunk> Translate(SseEvent sseEvent)
    {
        var data = JsonNode.Parse(sseEvent.Data.Span) as JsonObject
            ?? throw new JsonException("An Anthropic stream event is not a JSON object.");
        var output = new List<ChatStreamChunk>(2);
        switch (AnthropicJson.String(data["type"]) ?? sseEvent.EventName)
        {
            case "message_start":
                var message = data["message"];
                Start(output, AnthropicJson.String(message?["id"]), AnthropicJson.String(message?["model"]));
                _usage = _usage.Update(message?["usage"]);
                break;
            case "content_block_start":
                BlockStart(data, output);
                break;
            case "content_block_delta":
                BlockDelta(data, output);
                break;
            case "message_delta":
                _stopReason = AnthropicJson.String(data["delta"]?["stop_reason"]) ?? _stopReason;
                _usage = _usage.Update(data["usage"]);
                break;
            case "message_stop":
                var chunks = Start(output);
                output.Add(chunks.Finish(AnthropicStopReasons.ToFinishReason(_stopReason)));
                output.Add(chunks.Usage(_usage));
                Completed = true;
                break;
            case "error":
                throw new UpstreamStreamException(AnthropicErrors.FromStreamEvent(data["error"]));
        }

        return output;
    }

    private void BlockStart(JsonObject data, List<ChatStreamChunk> output)
    {
        var block = data["content_block"];
        switch (AnthropicJson.String(block?["type"]))
        {
            case "text" when AnthropicJson.String(block!["text"]) is { Length: > 0 } text:
                output.Add(Start(output).Content(text));
                break;
            case "tool_use" when AnthropicJson.Int(data["index"]) is { } index:
                var toolCall = _toolCallByBlock.Count;
                _toolCallByBlock[index] = toolCall;
                output.Add(Start(output).ToolStart(toolCall, AnthropicJson.String(block!["id"]) ?? "", AnthropicJson.String(block["name"]) ?? ""));
                break;
        }
    }

    private void BlockDelta(JsonObject data, List<ChatStreamChunk> output)
    {
        var delta = data["delta"];
        switch (AnthropicJson.String(delta?["type"]))
        {
            case "text_delta" when AnthropicJson.String(delta!["text"]) is { Length: > 0 } text:
                output.Add(Start(output).Content(text));
                break;
            case "input_json_delta" when AnthropicJson.String(delta!["partial_json"]) is { Length: > 0 } fragment
                && AnthropicJson.Int(data["index"]) is { } index && _toolCallByBlock.TryGetValue(index, out var toolCall):
                output.Add(Start(output).ToolArguments(toolCall, fragment));
                break;
        }
    }

    /// <summary>The stream's chunk writer; the first call (normally at <c>message_start</c>) also emits the role chunk.</summary>
    private AnthropicChunkWriter Start(List<ChatStreamChunk> output, string? id = null, string? model = null)
    {
        if (_chunks is null)
        {
            _chunks = new AnthropicChunkWriter(id ?? "msg_unknown", created, model ?? "");
            output.Add(_chunks.Role());
        }

        return _chunks;
    }
}
