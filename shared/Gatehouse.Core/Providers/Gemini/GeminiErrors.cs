using System.Globalization;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// Google's error envelope, <c>{"error":{"code","message","status","details":[...]}}</c>, as a classified
/// <see cref="UpstreamError"/>. The gRPC-style <c>status</c> decides the kind where it is known, with two Google
/// quirks: an invalid API key is a 400 INVALID_ARGUMENT whose details say <c>API_KEY_INVALID</c> (an operator's
/// problem, so Auth), and a 429 tells how long to wait in a <c>RetryInfo</c> detail rather than a Retry-After header.
/// </summary>
internal static class GeminiErrors
{
    public const string ApiKeyHeader = "x-goog-api-key";

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    public static async ValueTask<UpstreamError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var error = await ReadEnvelopeAsync(response, cancellationToken);
        var message = GeminiNodes.String(error?["message"]) is { Length: > 0 } text
            ? SafeMessage(text, response)
            : ProviderErrorBody.StatusMessage(response);
        return new UpstreamError(Classify(status, error), status, message, RetryAfterHeader.Read(response) ?? RetryDelay(error));
    }

    /// <summary>An error object Gemini sent in place of a stream event, after the stream had begun.</summary>
    public static UpstreamError FromStreamEvent(JsonObject error)
    {
        var message = GeminiNodes.String(error["message"]) is { Length: > 0 } text
            ? ProviderErrorBody.Truncate(text)
            : "The upstream provider reported an error in the middle of its stream.";
        return new UpstreamError(Classify(GeminiNodes.Int(error["code"]) ?? 500, error), null, message, RetryDelay(error));
    }

    public static ProviderErrorKind Classify(int status, JsonObject? error)
    {
        if (HasDetail(error, "reason", "API_KEY_INVALID"))
        {
            return ProviderErrorKind.Auth;
        }

        return GeminiNodes.String(error?["status"]) switch
        {
            "UNAUTHENTICATED" or "PERMISSION_DENIED" => ProviderErrorKind.Auth,
            "RESOURCE_EXHAUSTED" => ProviderErrorKind.RateLimited,
            "DEADLINE_EXCEEDED" => ProviderErrorKind.Timeout,
            "INTERNAL" or "UNAVAILABLE" => ProviderErrorKind.Server,
            "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "NOT_FOUND" or "OUT_OF_RANGE" => ProviderErrorKind.BadRequest,
            _ => status == 504 ? ProviderErrorKind.Timeout : ProviderErrorKinds.FromStatus(status), // Google's gateway timeout
        };
    }

    /// <summary><c>RetryInfo.retryDelay</c>, a protobuf duration in JSON: decimal seconds and an <c>s</c> ("12s", "36.43s").</summary>
    public static TimeSpan? RetryDelay(JsonObject? error)
    {
        if (error?["details"] is not JsonArray details)
        {
            return null;
        }

        foreach (var detail in details)
        {
            if (detail is JsonObject detailObject && GeminiNodes.String(detailObject["retryDelay"]) is { Length: > 1 } delay && delay.EndsWith('s')
                && double.TryParse(delay.AsSpan(0, delay.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            {
                var value = TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelay.TotalSeconds));
                return value < TimeSpan.Zero ? TimeSpan.Zero : value;
            }
        }

        return null;
    }

    /// <summary>The error object of a body that is the envelope, or (as Google's JSON-array streams send it) an array holding one.</summary>
    private static async ValueTask<JsonObject?> ReadEnvelopeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var root = await ProviderErrorBody.ReadAsync(response, cancellationToken);
        var envelope = root is JsonArray array ? array.FirstOrDefault() : root;
        return envelope is JsonObject obj ? obj["error"] as JsonObject : null;
    }

    private static bool HasDetail(JsonObject? error, string member, string value) =>
        error?["details"] is JsonArray details
        && details.Any(d => d is JsonObject detail && GeminiNodes.String(detail[member]) == value);

    /// <summary>
    /// Google does not echo API keys in error messages, but the message is shown to clients, so the key the gateway
    /// sent is cut out should one ever appear.
    /// </summary>
    private static string SafeMessage(string message, HttpResponseMessage response)
    {
        if (response.RequestMessage?.Headers.TryGetValues(ApiKeyHeader, out var keys) == true)
        {
            foreach (var key in keys)
            {
                if (key.Length > 0)
                {
                    message = message.Replace(key, "[redacted]", StringComparison.Ordinal);
                }
            }
        }

        return ProviderErrorBody.Truncate(message);
    }
}
