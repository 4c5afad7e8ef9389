using System.Text.Json.Nodes;

namespace Gatehouse.Providers.AzureOpenAI;

/// <summary>
/// Azure OpenAI's error bodies, classified. Most are <c>{"error":{"code","message",...}}</c>: OpenAI's validation errors
/// as they are, Azure's own with codes such as <c>content_filter</c> (with <c>innererror.code</c>
/// <c>ResponsibleAIPolicyViolation</c>), <c>DeploymentNotFound</c> or <c>"429"</c>. A rejected Entra token gets
/// <c>{"statusCode":401,"message":...}</c> instead. Bodies are read bounded; headers are never echoed.
/// </summary>
internal static class AzureOpenAIErrors
{
    public const string ContentFilterCode = "content_filter";
    public const string PolicyViolationCode = "ResponsibleAIPolicyViolation";


    public static async ValueTask<UpstreamError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await ProviderErrorBody.ReadAsync(response, cancellationToken) as JsonObject;
        var error = body?["error"] as JsonObject;
        var kind = Classify(status, Text(error?["code"]), Text(error?["innererror"]?["code"]));
        var message = Text(error?["message"]) ?? Text(body?["message"]);
        return new UpstreamError(
            kind,
            status,
            message is null ? ProviderErrorBody.StatusMessage(response) : ProviderErrorBody.Truncate(message),
            RetryAfterHeader.Read(response));
    }

    // 404 DeploymentNotFound is a BadRequest: the status is kept for the client.
    public static ProviderErrorKind Classify(int status, string? code, string? innerCode) =>
        status < 500 && IsContentFilter(code, innerCode) ? ProviderErrorKind.ContentFiltered : ProviderErrorKinds.FromStatus(status);

    /// <summary>An error object sent in place of a stream chunk (<c>data: {"error":...}</c>), classified; null for a chunk.</summary>
    public static UpstreamError? FromStreamChunk(ChatStreamChunk chunk)
    {
        // Chunks are compact JSON that starts with its first member, so one prefix check spares parsing every chunk.
        if (!chunk.Data.Span.TrimStart(" \t\r\n"u8).StartsWith("{\"error\""u8) || chunk.Json?["error"] is not JsonObject error)
        {
            return null;
        }

        var kind = IsContentFilter(Text(error["code"]), Text(error["innererror"]?["code"]))
            ? ProviderErrorKind.ContentFiltered
            : ProviderErrorKind.Server;
        return new UpstreamError(kind, null, Text(error["message"]) is { } message ? ProviderErrorBody.Truncate(message) : "The upstream provider reported an error mid-stream.");
    }

    private static bool IsContentFilter(string? code, string? innerCode) => code == ContentFilterCode || innerCode == PolicyViolationCode;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
