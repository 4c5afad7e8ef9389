using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary><c>POST /v1/chat/completions</c>: one JSON completion, or with <c>"stream": true</c> an SSE stream of chunks.</summary>
internal sealed class ChatCompletionsHandler(FakeServerState state)
{
    // abort-stream dies after this many content chunks: the client has seen some text, then no [DONE].
    private const int ChunksBeforeAbort = 2;

    public async Task HandleAsync(HttpContext ctx, JsonElement root, CancellationToken ct)
    {
        // Taken on arrival, before anything is written, so a release right after the first chunk is never missed.
        var holdTicket = state.Hold.TakeTicket();

        if (!ChatRequest.TryParse(root, out var request, out var error))
        {
            await OpenAIErrorBodies.WriteBadRequestAsync(ctx, error, ct);
            return;
        }

        var scenario = FakeScenario.FromModel(request.Model);
        if (!await ScenarioSteps.BeforeAnswerAsync(ctx, scenario, request.Model, request.Stream, holdTicket, state, ct))
            return;

        var options = state.Options;
        await Delays.WaitAsync(options.FirstChunkDelay, options.TimeProvider, ct);
        var reply = scenario.Kind == FakeScenarioKind.Long ? ChatReply.Long(scenario.Words) : ChatReply.Compose(request.LastUserText);
        if (request.Stream)
            await StreamAsync(ctx, request, scenario, reply, holdTicket, ct);
        else
            await CompleteAsync(ctx, request, reply, ct);
    }

    private async Task CompleteAsync(HttpContext ctx, ChatRequest request, string reply, CancellationToken ct)
    {
        var text = ChatReply.Cut(reply, request.MaxTokens, out var cut);
        var body = ChatJson.Completion(Ids.New("chatcmpl-"), Now(), request.Model, text, cut,
            request.PromptTokens, ChatReply.CountWords(text), withUsage: !state.Options.NeverSendUsage);
        var response = ctx.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ct);
    }

    private async Task StreamAsync(HttpContext ctx, ChatRequest request, FakeScenario scenario, string reply, Task holdTicket, CancellationToken ct)
    {
        var options = state.Options;
        var sendUsage = !options.NeverSendUsage && (request.IncludeUsage || options.AlwaysSendUsage);
        var stream = new ChatStreamIdentity(Ids.New("chatcmpl-"), Now(), request.Model, UsageNull: sendUsage);
        var chunks = Chunks(scenario, reply, request.MaxTokens, out var cut);
        var response = ctx.Response;

        ServerSentEvents.Start(response);
        await ServerSentEvents.WriteDataAsync(response, ChatJson.RoleChunk(stream), ct);
        if (scenario.Kind == FakeScenarioKind.AbortStart)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct); // let the role event reach the client before the reset
            ServerAbort.Abort(ctx);
            return;
        }

        var completionTokens = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            await Delays.WaitAsync(options.ChunkDelay, options.TimeProvider, ct);
            var chunk = ChatJson.ContentChunk(stream, chunks[i]);
            if (scenario.Kind == FakeScenarioKind.HoldStream && i == 0)
                await state.Hold.HoldAfterAsync(holdTicket, () => ServerSentEvents.WriteDataAsync(response, chunk, ct), ct);
            else
                await ServerSentEvents.WriteDataAsync(response, chunk, ct);
            completionTokens += ChatReply.CountWords(chunks[i]);

            if (scenario.Kind == FakeScenarioKind.AbortStream && i + 1 == Math.Min(ChunksBeforeAbort, chunks.Length))
            {
                // A TCP reset makes the peer's kernel drop bytes it has not read yet; give the client time to
                // read the chunks first, so "dies mid-way" is what it sees rather than "never answered".
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                ServerAbort.Abort(ctx);
                return;
            }
        }

        await ServerSentEvents.WriteDataAsync(response, ChatJson.FinishChunk(stream, cut), ct);
        if (sendUsage)
            await ServerSentEvents.WriteDataAsync(response, ChatJson.UsageChunk(stream, request.PromptTokens, completionTokens), ct);
        await ServerSentEvents.WriteDoneAsync(response, ct);
    }

    /// <summary>
    /// The streamed pieces: <c>long-&lt;N&gt;</c> sends one word per chunk; other answers are padded to
    /// <see cref="FakeOpenAIOptions.StreamChunks"/> words, then cut at the token limit, then split into that many
    /// chunks (fewer when the cut left fewer words).
    /// </summary>
    private string[] Chunks(FakeScenario scenario, string reply, int? maxTokens, out bool cut)
    {
        var streamChunks = state.Options.StreamChunks;
        var full = scenario.Kind == FakeScenarioKind.Long ? reply : ChatReply.PadForChunks(reply, streamChunks);
        var text = ChatReply.Cut(full, maxTokens, out cut);
        var words = ChatReply.CountWords(text);
        return ChatReply.SplitIntoChunks(text, scenario.Kind == FakeScenarioKind.Long ? words : Math.Min(streamChunks, words));
    }

    private long Now() => state.Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
}
