using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.AzureOpenAI;

/// <summary>
/// The fake's request path: record, check the route and <c>api-version</c>, authenticate, pick the scenario by deployment.
/// Azure answers an unknown path, or one without <c>api-version</c>, with a bare 404 before looking at credentials.
/// </summary>
internal sealed partial class AzurePipeline(FakeAzureOpenAIOptions options, RequestJournal journal)
{
    private readonly AzureChatHandler _chat = new(options);

    public async Task InvokeAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        var ct = ctx.RequestAborted;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        journal.Record(request, body, options.TimeProvider.GetUtcNow());
        ctx.Response.Headers["apim-request-id"] = Guid.NewGuid().ToString();

        var route = Route().Match(request.Path.Value ?? "");
        if (!HttpMethods.IsPost(request.Method) || !route.Success || string.IsNullOrEmpty(request.Query["api-version"]))
        {
            await AzureErrorBodies.WriteResourceNotFoundAsync(ctx, ct);
            return;
        }

        if (!IsAuthorized(request, out var bearer))
        {
            await AzureErrorBodies.WriteUnauthorizedAsync(ctx, bearer, ct);
            return;
        }

        var deployment = Uri.UnescapeDataString(route.Groups["deployment"].Value);
        if (await AzureErrorBodies.TryWriteScenarioFailureAsync(ctx, deployment, options, ct))
            return;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            await AzureErrorBodies.WriteInvalidRequestAsync(ctx, "We could not parse the JSON body of your request.", null, ct);
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                await AzureErrorBodies.WriteInvalidRequestAsync(ctx, "The request body must be a JSON object.", null, ct);
            else if (route.Groups["operation"].Value == "embeddings")
                await AzureEmbeddings.HandleAsync(ctx, document.RootElement, ct);
            else
                await _chat.HandleAsync(ctx, deployment, document.RootElement, ct);
        }
    }

    /// <summary>An <c>api-key</c> header is checked when present, else a bearer token; <paramref name="bearer"/> says which failed.</summary>
    private bool IsAuthorized(HttpRequest request, out bool bearer)
    {
        bearer = false;
        if (request.Headers.TryGetValue("api-key", out var key))
            return options.ApiKey is { } expected && FixedTimeEquals(expected, key.ToString());

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return false;
        bearer = true;
        return options.AcceptsBearerToken?.Invoke(authorization["Bearer ".Length..]) == true;
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    [GeneratedRegex("^/openai/deployments/(?<deployment>[^/]+)/(?<operation>chat/completions|embeddings)$")]
    private static partial Regex Route();
}
