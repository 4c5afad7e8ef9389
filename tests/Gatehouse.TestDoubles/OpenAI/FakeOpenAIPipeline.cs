using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// The fake's whole request path: count, record, authenticate, route. One terminal delegate rather than
/// endpoint routing keeps the behaviour explicit (e.g. a wrong method is a 404 in OpenAI's shape, as upstream).
/// </summary>
internal sealed class FakeOpenAIPipeline(FakeServerState state)
{
    private readonly ChatCompletionsHandler _chat = new(state);
    private readonly EmbeddingsHandler _embeddings = new(state);

    public async Task InvokeAsync(HttpContext ctx)
    {
        state.Enter();
        var clientGone = ctx.RequestAborted;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(clientGone, state.Stopping);
        var ct = linked.Token;
        try
        {
            var body = await ReadBodyAsync(ctx.Request, ct);
            state.Journal.Record(ctx.Request, body, state.Options.TimeProvider.GetUtcNow());
            await RouteAsync(ctx, body, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping with a request still open: drop it, so its client sees a failure rather than a cut-short success.
            if (!clientGone.IsCancellationRequested)
                ServerAbort.Abort(ctx);
        }
        finally
        {
            if (clientGone.IsCancellationRequested && !ServerAbort.WasRequested(ctx))
                state.Aborts.Record();
            state.Leave();
        }
    }

    private async Task RouteAsync(HttpContext ctx, byte[] body, CancellationToken ct)
    {
        var request = ctx.Request;
        var path = request.Path.Value ?? "/";
        if (path == "/healthz" && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            ctx.Response.ContentType = "text/plain";
            await ctx.Response.WriteAsync("ok", ct);
            return;
        }

        if (path == "/v1" || path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            ctx.Response.Headers["x-request-id"] = Ids.New("req_");
            if (!IsAuthorized(request))
            {
                await OpenAIErrorBodies.WriteInvalidApiKeyAsync(ctx, ct);
                return;
            }
        }

        switch (path)
        {
            case "/v1/chat/completions" when HttpMethods.IsPost(request.Method):
                await WithJsonBodyAsync(ctx, body, _chat.HandleAsync, ct);
                break;
            case "/v1/embeddings" when HttpMethods.IsPost(request.Method):
                await WithJsonBodyAsync(ctx, body, _embeddings.HandleAsync, ct);
                break;
            case "/v1/models" when HttpMethods.IsGet(request.Method):
                await ModelsHandler.HandleAsync(ctx, ct);
                break;
            default:
                await OpenAIErrorBodies.WriteNotFoundAsync(ctx, ct);
                break;
        }
    }

    private static async Task WithJsonBodyAsync(
        HttpContext ctx, byte[] body, Func<HttpContext, JsonElement, CancellationToken, Task> handle, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            await OpenAIErrorBodies.WriteBadRequestAsync(ctx, new RequestError(RequestFields.UnparsableBody, null), ct);
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                await OpenAIErrorBodies.WriteBadRequestAsync(ctx, new RequestError(RequestFields.UnparsableBody, null), ct);
                return;
            }
            await handle(ctx, document.RootElement, ct);
        }
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var key = state.Options.RequiredApiKey;
        if (key is null)
            return true;
        var expected = Encoding.UTF8.GetBytes("Bearer " + key);
        var actual = Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString());
        // Constant-time, as a real key check should be; the fake is also a reference for gateway code.
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
