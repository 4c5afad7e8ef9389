using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>
/// The fake's request path: record, authenticate (<c>x-api-key</c>), require <c>anthropic-version</c>, route. Every
/// answer carries a <c>request-id</c> header, as Anthropic's do.
/// </summary>
internal sealed class FakeAnthropicPipeline(FakeAnthropicOptions options, RequestJournal journal, CancellationToken stopping)
{
    private readonly MessagesHandler _messages = new(options);

    public async Task InvokeAsync(HttpContext ctx)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var ct = linked.Token;
        try
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ct);
            var body = buffer.ToArray();
            journal.Record(ctx.Request, body, TimeProvider.System.GetUtcNow());
            ctx.Response.Headers["request-id"] = AnthropicIds.New("req_011C");
            await RouteAsync(ctx, body, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (!ctx.RequestAborted.IsCancellationRequested)
                ServerAbort.Abort(ctx); // stopping mid-answer: the client sees a failure, not a cut-short success
        }
    }

    private async Task RouteAsync(HttpContext ctx, byte[] body, CancellationToken ct)
    {
        var request = ctx.Request;
        var apiKey = request.Headers["x-api-key"].ToString();
        if (apiKey.Length == 0)
        {
            await AnthropicErrorBodies.MissingApiKeyAsync(ctx, ct);
            return;
        }
        if (options.RequiredApiKey is { } required
            && !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(required), Encoding.UTF8.GetBytes(apiKey)))
        {
            await AnthropicErrorBodies.InvalidApiKeyAsync(ctx, ct);
            return;
        }
        if (request.Headers["anthropic-version"].ToString().Length == 0)
        {
            await AnthropicErrorBodies.MissingVersionAsync(ctx, ct);
            return;
        }
        if (request.Path != "/v1/messages" || !HttpMethods.IsPost(request.Method))
        {
            await AnthropicErrorBodies.NotFoundAsync(ctx, ct);
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            await AnthropicErrorBodies.InvalidRequestAsync(ctx, "There was an issue with the format of your request: the body is not valid JSON.", ct);
            return;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                await AnthropicErrorBodies.InvalidRequestAsync(ctx, "There was an issue with the format of your request: the body is not a JSON object.", ct);
            else
                await _messages.HandleAsync(ctx, document.RootElement, ct);
        }
    }
}
