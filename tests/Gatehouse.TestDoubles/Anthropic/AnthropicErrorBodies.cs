using System.Globalization;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>
/// Anthropic's error envelope, <c>{"type":"error","error":{"type","message"},"request_id"}</c>, with the statuses and
/// messages the real API uses (429 with <c>retry-after</c> and its rate-limit headers, 529 overloaded).
/// </summary>
internal static class AnthropicErrorBodies
{
    public static Task WriteAsync(HttpContext ctx, int status, string type, string message, CancellationToken ct) =>
        JsonResponse.WriteAsync(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "error");
            w.WriteStartObject("error"u8);
            w.WriteString("type"u8, type);
            w.WriteString("message"u8, message);
            w.WriteEndObject();
            w.WriteString("request_id"u8, ctx.Response.Headers["request-id"].ToString());
            w.WriteEndObject();
        }, ct);

    public static Task InvalidRequestAsync(HttpContext ctx, string message, CancellationToken ct) =>
        WriteAsync(ctx, StatusCodes.Status400BadRequest, "invalid_request_error", message, ct);

    // The key is never echoed back; nothing secret leaves through a body.
    public static Task MissingApiKeyAsync(HttpContext ctx, CancellationToken ct) =>
        WriteAsync(ctx, StatusCodes.Status401Unauthorized, "authentication_error", "x-api-key header is required", ct);

    public static Task InvalidApiKeyAsync(HttpContext ctx, CancellationToken ct) =>
        WriteAsync(ctx, StatusCodes.Status401Unauthorized, "authentication_error", "invalid x-api-key", ct);

    public static Task MissingVersionAsync(HttpContext ctx, CancellationToken ct) =>
        InvalidRequestAsync(ctx, "anthropic-version: header is required", ct);

    public static Task NotFoundAsync(HttpContext ctx, CancellationToken ct) =>
        WriteAsync(ctx, StatusCodes.Status404NotFound, "not_found_error", "Not Found", ct);

    /// <summary>What Anthropic sends for that status, headers included (the <c>fail-&lt;status&gt;</c> scenario).</summary>
    public static Task WriteSimulatedFailureAsync(HttpContext ctx, int status, string model, FakeAnthropicOptions options, CancellationToken ct)
    {
        switch (status)
        {
            case StatusCodes.Status429TooManyRequests:
                var retryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                var headers = ctx.Response.Headers;
                headers.RetryAfter = retryAfter;
                headers["anthropic-ratelimit-requests-limit"] = "50";
                headers["anthropic-ratelimit-requests-remaining"] = "0";
                headers["anthropic-ratelimit-requests-reset"] = "2026-01-01T00:00:00Z";
                return WriteAsync(ctx, status, "rate_limit_error",
                    "This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: "
                    + "https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce "
                    + "the prompt length or the maximum tokens requested, or try again later.", ct);
            case StatusCodes.Status401Unauthorized:
                return InvalidApiKeyAsync(ctx, ct);
            case StatusCodes.Status403Forbidden:
                return WriteAsync(ctx, status, "permission_error", "Your API key does not have permission to use the specified resource.", ct);
            case StatusCodes.Status404NotFound:
                return WriteAsync(ctx, status, "not_found_error", $"model: {model}", ct);
            case StatusCodes.Status413PayloadTooLarge:
                return WriteAsync(ctx, status, "request_too_large", "Request exceeds the maximum allowed number of bytes.", ct);
            case 529:
                return WriteAsync(ctx, status, "overloaded_error", "Overloaded", ct);
            case >= 500:
                return WriteAsync(ctx, status, "api_error", "Internal server error", ct);
            default:
                return WriteAsync(ctx, status, "invalid_request_error",
                    $"Simulated failure {status.ToString(CultureInfo.InvariantCulture)} for model '{model}'.", ct);
        }
    }
}
