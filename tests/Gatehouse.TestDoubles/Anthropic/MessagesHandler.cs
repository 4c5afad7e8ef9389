using System.Globalization;
using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>
/// <c>POST /v1/messages</c>: one Message, or with <c>"stream": true</c> its event stream. The model picks a scenario:
/// <c>fail-&lt;status&gt;</c> (Anthropic's error for that status), <c>abort-stream</c> (connection dropped after the
/// first text delta), <c>error-stream</c> (an <c>overloaded_error</c> event after the first text delta), <c>tool</c>
/// (a tool call, see <see cref="FakeReply"/>); any other model answers normally.
/// </summary>
internal sealed class MessagesHandler(FakeAnthropicOptions options)
{
    public async Task HandleAsync(HttpContext ctx, JsonElement root, CancellationToken ct)
    {
        if (!MessagesRequest.TryParse(root, out var request, out var error))
        {
            await AnthropicErrorBodies.InvalidRequestAsync(ctx, error, ct);
            return;
        }

        if (request.Model.StartsWith("fail-", StringComparison.Ordinal)
            && int.TryParse(request.Model.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and <= 599)
        {
            await AnthropicErrorBodies.WriteSimulatedFailureAsync(ctx, status, request.Model, options, ct);
            return;
        }

        var reply = FakeReply.For(request);
        var id = AnthropicIds.New("msg_01");
        if (request.Stream)
        {
            await StreamAsync(ctx, request, reply, id, ct);
            return;
        }

        var body = MessageJson.Message(id, request.Model, reply, request.InputTokens);
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body, ct);
    }

    private async Task StreamAsync(HttpContext ctx, MessagesRequest request, FakeReply reply, string id, CancellationToken ct)
    {
        var response = ctx.Response;
        AnthropicEventStream.Start(response);
        await AnthropicEventStream.WriteAsync(response, "message_start", MessageJson.MessageStart(id, request.Model, request.InputTokens), ct);
        if (reply.Tool is { } tool)
        {
            await StreamToolUseAsync(response, tool, ct);
        }
        else
        {
            await AnthropicEventStream.WriteAsync(response, "content_block_start", MessageJson.TextBlockStart(0), ct);
            await AnthropicEventStream.WriteAsync(response, "ping", MessageJson.Event("ping"), ct);
            var deltas = reply.Split(options.StreamDeltas);
            for (var i = 0; i < deltas.Length; i++)
            {
                await AnthropicEventStream.WriteAsync(response, "content_block_delta", MessageJson.Delta(0, "text_delta", "text", deltas[i]), ct);
                if (i == 0 && await FailMidStreamAsync(ctx, request.Model, ct))
                    return;
            }
            await AnthropicEventStream.WriteAsync(response, "content_block_stop", MessageJson.BlockStop(0), ct);
        }

        await AnthropicEventStream.WriteAsync(response, "message_delta", MessageJson.MessageDelta(reply, reply.OutputTokens), ct);
        await AnthropicEventStream.WriteAsync(response, "message_stop", MessageJson.Event("message_stop"), ct);
    }

    /// <summary>Tool input arrives as partial JSON strings (an empty one first, as Anthropic sends), concatenating to the object.</summary>
    private static async Task StreamToolUseAsync(HttpResponse response, FakeTool tool, CancellationToken ct)
    {
        await AnthropicEventStream.WriteAsync(response, "content_block_start", MessageJson.ToolBlockStart(0, AnthropicIds.New("toolu_01"), tool.Name), ct);
        var json = System.Text.Encoding.UTF8.GetString(tool.Input);
        var half = json.Length / 2;
        foreach (var fragment in (string[])["", json[..half], json[half..]])
            await AnthropicEventStream.WriteAsync(response, "content_block_delta", MessageJson.Delta(0, "input_json_delta", "partial_json", fragment), ct);
        await AnthropicEventStream.WriteAsync(response, "content_block_stop", MessageJson.BlockStop(0), ct);
    }

    /// <summary>The mid-stream failures: true when the stream ends here.</summary>
    private static async Task<bool> FailMidStreamAsync(HttpContext ctx, string model, CancellationToken ct)
    {
        switch (model)
        {
            case "error-stream":
                await AnthropicEventStream.WriteAsync(ctx.Response, "error", MessageJson.Error("overloaded_error", "Overloaded"), ct);
                return true;
            case "abort-stream":
                // A reset makes the peer drop unread bytes; give the client time to read the text first.
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                ServerAbort.Abort(ctx);
                return true;
            default:
                return false;
        }
    }
}
