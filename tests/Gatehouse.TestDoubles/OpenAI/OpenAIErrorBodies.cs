using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>Error responses in OpenAI's envelope: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class OpenAIErrorBodies
{
    public static Task WriteAsync(HttpContext ctx, int status, string message, string type, string? param, string? code, CancellationToken ct) =>
        JsonResponse.WriteAsync(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error"u8);
            w.WriteString("message"u8, message);
            w.WriteString("type"u8, type);
            if (param is null) w.WriteNull("param"u8); else w.WriteString("param"u8, param);
            if (code is null) w.WriteNull("code"u8); else w.WriteString("code"u8, code);
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct);

    public static Task WriteBadRequestAsync(HttpContext ctx, RequestError error, CancellationToken ct) =>
        WriteAsync(ctx, StatusCodes.Status400BadRequest, error.Message, "invalid_request_error", error.Param, error.Code, ct);

    // The key is never echoed back (real OpenAI shows a masked one); nothing secret leaves through a body.
    public static Task WriteInvalidApiKeyAsync(HttpContext ctx, CancellationToken ct) =>
        WriteAsync(ctx, StatusCodes.Status401Unauthorized,
            "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
            "invalid_request_error", null, "invalid_api_key", ct);

    public static Task WriteNotFoundAsync(HttpContext ctx, CancellationToken ct) =>
        WriteAsync(ctx, StatusCodes.Status404NotFound,
            $"Invalid URL ({ctx.Request.Method} {ctx.Request.Path})", "invalid_request_error", null, null, ct);

    /// <summary>What a real provider sends for that status, headers included (the <c>fail-&lt;status&gt;</c> scenario).</summary>
    public static Task WriteSimulatedFailureAsync(HttpContext ctx, int status, string model, FakeOpenAIOptions options, CancellationToken ct)
    {
        switch (status)
        {
            case StatusCodes.Status429TooManyRequests:
                var retryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                var headers = ctx.Response.Headers;
                headers.RetryAfter = retryAfter;
                headers["x-ratelimit-limit-requests"] = "500";
                headers["x-ratelimit-remaining-requests"] = "0";
                headers["x-ratelimit-reset-requests"] = retryAfter + "s";
                return WriteAsync(ctx, status,
                    $"Rate limit reached for {model} in organization org-gatehouse-fake on requests per min (RPM): Limit 500, Used 500, "
                    + $"Requested 1. Please try again in {retryAfter}s. Visit https://platform.openai.com/account/rate-limits to learn more.",
                    "requests", null, "rate_limit_exceeded", ct);
            case StatusCodes.Status401Unauthorized:
                return WriteInvalidApiKeyAsync(ctx, ct);
            case StatusCodes.Status404NotFound:
                return WriteAsync(ctx, status,
                    $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found", ct);
            case StatusCodes.Status500InternalServerError:
                return WriteAsync(ctx, status,
                    "The server had an error while processing your request. Sorry about that!", "server_error", null, null, ct);
            case >= 500:
                return WriteAsync(ctx, status, "The server is overloaded or not ready yet.", "server_error", null, null, ct);
            default:
                return WriteAsync(ctx, status,
                    $"Simulated failure {status.ToString(CultureInfo.InvariantCulture)} for model '{model}'.", "invalid_request_error", null, null, ct);
        }
    }
}
