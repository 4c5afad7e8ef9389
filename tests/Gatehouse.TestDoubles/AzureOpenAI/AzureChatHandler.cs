using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.AzureOpenAI;

/// <summary>
/// Chat completions: a JSON answer, or an SSE stream that opens with the prompt's filter verdicts and, with
/// <c>stream_options.include_usage</c>, closes with a usage chunk. The <c>tool</c> deployment calls the request's first tool
/// with <c>{"input": &lt;last user text&gt;}</c>; <c>abort-stream</c> drops the connection after its second content chunk.
/// </summary>
internal sealed class AzureChatHandler(FakeAzureOpenAIOptions options)
{
    public async Task HandleAsync(HttpContext ctx, string deployment, JsonElement root, CancellationToken ct)
    {
        var request = AzureChatRequest.Read(root);
        var identity = new AzureStream(Ids.New("chatcmpl-"), options.TimeProvider.GetUtcNow().ToUnixTimeSeconds(), options.ModelName);
        var toolCall = deployment == "tool" && request.FirstToolName is { } toolName
            ? new ToolCall(Ids.New("call_"), toolName, JsonSerializer.Serialize(new { input = request.LastUserText }))
            : null;
        if (!request.Stream)
        {
            await WriteCompletionAsync(ctx, request, identity, toolCall, ct);
        }
        else
        {
            ServerSentEvents.Start(ctx.Response);
            await ServerSentEvents.WriteDataAsync(ctx.Response, AzureChatJson.PromptFilterChunk(), ct);
            if (toolCall is null)
                await StreamTextAsync(ctx, request, identity, abort: deployment == "abort-stream", ct);
            else
                await StreamToolCallAsync(ctx, request, identity, toolCall, ct);
        }
    }

    private static Task WriteCompletionAsync(HttpContext ctx, AzureChatRequest request, AzureStream identity, ToolCall? toolCall, CancellationToken ct)
    {
        byte[] body;
        if (toolCall is null)
        {
            var text = ChatReply.Cut(ChatReply.Compose(request.LastUserText), request.MaxTokens, out var cut);
            body = AzureChatJson.Completion(identity, w =>
            {
                w.WriteStartArray("annotations"u8);
                w.WriteEndArray();
                w.WriteString("content"u8, text);
                w.WriteNull("refusal"u8);
                w.WriteString("role"u8, "assistant"u8);
            }, cut ? "length" : "stop", request.PromptTokens, ChatReply.CountWords(text));
        }
        else
        {
            body = AzureChatJson.Completion(identity, w =>
            {
                w.WriteNull("content"u8);
                w.WriteNull("refusal"u8);
                w.WriteString("role"u8, "assistant"u8);
                w.WriteStartArray("tool_calls"u8);
                w.WriteStartObject();
                w.WriteStartObject("function"u8);
                w.WriteString("arguments"u8, toolCall.Arguments);
                w.WriteString("name"u8, toolCall.Name);
                w.WriteEndObject();
                w.WriteString("id"u8, toolCall.Id);
                w.WriteString("type"u8, "function"u8);
                w.WriteEndObject();
                w.WriteEndArray();
            }, "tool_calls", request.PromptTokens, ToolCallTokens(toolCall));
        }

        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        return ctx.Response.Body.WriteAsync(body, ct).AsTask();
    }

    private async Task StreamTextAsync(HttpContext ctx, AzureChatRequest request, AzureStream identity, bool abort, CancellationToken ct)
    {
        var response = ctx.Response;
        var padded = ChatReply.PadForChunks(ChatReply.Compose(request.LastUserText), options.StreamChunks);
        var text = ChatReply.Cut(padded, request.MaxTokens, out var cut);
        var pieces = ChatReply.SplitIntoChunks(text, Math.Min(options.StreamChunks, ChatReply.CountWords(text)));

        await ServerSentEvents.WriteDataAsync(response, AzureChatJson.Chunk(identity, w =>
        {
            w.WriteString("content"u8, ""u8);
            w.WriteNull("refusal"u8);
            w.WriteString("role"u8, "assistant"u8);
        }, null, filtered: false), ct);
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            await ServerSentEvents.WriteDataAsync(response, AzureChatJson.Chunk(identity, w => w.WriteString("content"u8, piece), null, filtered: true), ct);
            if (abort && i == Math.Min(1, pieces.Length - 1))
            {
                // Give the client time to read what was sent, so it sees a stream that dies mid-way rather than no answer.
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                ServerAbort.Abort(ctx);
                return;
            }
        }

        await FinishAsync(response, request, identity, cut ? "length" : "stop", ChatReply.CountWords(text), ct);
    }

    private static async Task StreamToolCallAsync(HttpContext ctx, AzureChatRequest request, AzureStream identity, ToolCall call, CancellationToken ct)
    {
        var response = ctx.Response;
        await ServerSentEvents.WriteDataAsync(response, AzureChatJson.Chunk(identity, w =>
        {
            w.WriteNull("content"u8);
            w.WriteNull("refusal"u8);
            w.WriteString("role"u8, "assistant"u8);
            w.WriteStartArray("tool_calls"u8);
            w.WriteStartObject();
            w.WriteStartObject("function"u8);
            w.WriteString("arguments"u8, ""u8);
            w.WriteString("name"u8, call.Name);
            w.WriteEndObject();
            w.WriteString("id"u8, call.Id);
            w.WriteNumber("index"u8, 0);
            w.WriteString("type"u8, "function"u8);
            w.WriteEndObject();
            w.WriteEndArray();
        }, null, filtered: false), ct);

        // Arguments arrive in fragments, as the model writes them.
        foreach (var fragment in call.Arguments.Chunk(Math.Max(1, call.Arguments.Length / 3)).Select(c => new string(c)))
        {
            await ServerSentEvents.WriteDataAsync(response, AzureChatJson.Chunk(identity, w =>
            {
                w.WriteStartArray("tool_calls"u8);
                w.WriteStartObject();
                w.WriteStartObject("function"u8);
                w.WriteString("arguments"u8, fragment);
                w.WriteEndObject();
                w.WriteNumber("index"u8, 0);
                w.WriteEndObject();
                w.WriteEndArray();
            }, null, filtered: false), ct);
        }

        await FinishAsync(response, request, identity, "tool_calls", ToolCallTokens(call), ct);
    }

    private static async Task FinishAsync(HttpResponse response, AzureChatRequest request, AzureStream identity, string reason, int completionTokens, CancellationToken ct)
    {
        await ServerSentEvents.WriteDataAsync(response, AzureChatJson.Chunk(identity, _ => { }, reason, filtered: false), ct);
        if (request.IncludeUsage)
            await ServerSentEvents.WriteDataAsync(response, AzureChatJson.UsageChunk(identity, request.PromptTokens, completionTokens), ct);
        await ServerSentEvents.WriteDoneAsync(response, ct);
    }

    private static int ToolCallTokens(ToolCall call) => 8 + (call.Arguments.Length / 4);

    private sealed record ToolCall(string Id, string Name, string Arguments);
}
