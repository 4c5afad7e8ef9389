using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// Anthropic's error body, <c>{"type":"error","error":{"type":"rate_limit_error","message":"..."},"request_id":...}</c>,
/// classified by its status and error type, as an HTTP answer or as an <c>error</c> event inside a stream.
/// </summary>
internal static class AnthropicErrors
{

    public static async ValueTask<UpstreamError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var (type, message) = await ReadBodyAsync(response, cancellationToken);
        return new UpstreamError(
            Classify(status, type, message),
            status,
            message ?? ProviderErrorBody.StatusMessage(response),
            RetryAfterHeader.Read(response));
    }

    /// <summary>An <c>error</c> event after the stream began: the provider's classification, without a status.</summary>
    public static UpstreamError FromStreamEvent(JsonNode? error)
    {
        var type = AnthropicJson.String(error?["type"]);
        var message = AnthropicJson.String(error?["message"]) is { Length: > 0 } text ? ProviderErrorBody.Truncate(text) : null;
        return new UpstreamError(
            Classify(null, type, message),
            null,
            $"Anthropic ended the stream with {type ?? "an error"}: {message ?? "no message"}");
    }

    /// <summary>
    /// Anthropic's error type decides where it is known (an <c>overloaded_error</c> is the server's, whatever the status);
    /// otherwise the status does. An error event mid-stream of an unknown type is taken as the server's.
    /// </summary>
    public static ProviderErrorKind Classify(int? status, string? type, string? message) => type switch
    {
        "overloaded_error" or "api_error" => ProviderErrorKind.Server,
        "rate_limit_error" => ProviderErrorKind.RateLimited,
        "authentication_error" or "permission_error" => ProviderErrorKind.Auth,
        "timeout_error" => ProviderErrorKind.Timeout,
        "invalid_request_error" when message?.Contains("content filtering policy", StringComparison.OrdinalIgnoreCase) == true
            => ProviderErrorKind.ContentFiltered,
        "invalid_request_error" or "not_found_error" or "request_too_large" => ProviderErrorKind.BadRequest,
        _ => status is { } code ? ProviderErrorKinds.FromStatus(code) : ProviderErrorKind.Server,
    };

    private static async ValueTask<(string? Type, string? Message)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = (await ProviderErrorBody.ReadAsync(response, cancellationToken)) is JsonObject body ? body["error"] : null;
        var message = AnthropicJson.String(error?["message"]);
        return (AnthropicJson.String(error?["type"]), string.IsNullOrWhiteSpace(message) ? null : ProviderErrorBody.Truncate(message));
    }
}
