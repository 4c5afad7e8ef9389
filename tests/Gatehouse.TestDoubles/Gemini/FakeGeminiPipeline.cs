using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Gemini;

/// <summary>The fake's whole request path: record, authenticate, route <c>POST /v1beta/models/{model}:{method}</c>.</summary>
internal sealed class FakeGeminiPipeline(FakeGeminiOptions options, RequestJournal journal, CancellationToken stopping)
{
    private const string ModelsPrefix = "/v1beta/models/";

    private readonly GeminiGenerateHandler _generate = new(options);

    public async Task InvokeAsync(HttpContext ctx)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var ct = linked.Token;
        try
        {
            var body = await ReadBodyAsync(ctx.Request, ct);
            journal.Record(ctx.Request, body, TimeProvider.System.GetUtcNow());
            await RouteAsync(ctx, body, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (!ctx.RequestAborted.IsCancellationRequested)
                ServerAbort.Abort(ctx);
        }
    }

    private async Task RouteAsync(HttpContext ctx, byte[] body, CancellationToken ct)
    {
        var request = ctx.Request;
        var path = request.Path.Value ?? "/";
        var colon = path.LastIndexOf(':');
        if (!HttpMethods.IsPost(request.Method) || !path.StartsWith(ModelsPrefix, StringComparison.Ordinal) || colon < ModelsPrefix.Length)
        {
            await GeminiErrorBodies.WriteAsync(ctx, StatusCodes.Status404NotFound, "NOT_FOUND", $"Method not found: {request.Method} {path}", null, ct);
            return;
        }

        // Google checks the caller before it looks at the request.
        switch (Authenticate(request))
        {
            case AuthResult.Missing:
                await GeminiErrorBodies.WriteMissingApiKeyAsync(ctx, ct);
                return;
            case AuthResult.Invalid:
                await GeminiErrorBodies.WriteInvalidApiKeyAsync(ctx, ct);
                return;
        }

        var model = Uri.UnescapeDataString(path[ModelsPrefix.Length..colon]);
        var method = path[(colon + 1)..];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            await GeminiErrorBodies.WriteInvalidArgumentAsync(ctx, "Invalid JSON payload received. Unexpected token.", ct);
            return;
        }

        using (document)
        {
            switch (method)
            {
                case "generateContent":
                    await _generate.HandleAsync(ctx, model, document.RootElement, GeminiAnswerFraming.Json, ct);
                    break;
                case "streamGenerateContent":
                    var framing = request.Query["alt"] == "sse" ? GeminiAnswerFraming.ServerSentEvents : GeminiAnswerFraming.JsonArray;
                    await _generate.HandleAsync(ctx, model, document.RootElement, framing, ct);
                    break;
                case "batchEmbedContents":
                    await GeminiEmbedHandler.HandleAsync(ctx, model, document.RootElement, options, ct);
                    break;
                default:
                    await GeminiErrorBodies.WriteAsync(ctx, StatusCodes.Status404NotFound, "NOT_FOUND", $"Method not found: {method}", null, ct);
                    break;
            }
        }
    }

    private AuthResult Authenticate(HttpRequest request)
    {
        var required = options.RequiredApiKey;
        if (required is null)
            return AuthResult.Ok;
        var given = request.Headers["x-goog-api-key"].ToString();
        if (given.Length == 0)
            given = request.Query["key"].ToString();
        if (given.Length == 0)
            return AuthResult.Missing;
        // Constant-time, as a real key check should be.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(required), Encoding.UTF8.GetBytes(given))
            ? AuthResult.Ok
            : AuthResult.Invalid;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private enum AuthResult
    {
        Ok,
        Missing,
        Invalid,
    }
}
