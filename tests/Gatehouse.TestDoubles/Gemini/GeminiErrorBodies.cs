using System.Globalization;
using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Gemini;

/// <summary>
/// Google's error envelope, <c>{"error":{"code","message","status","details"?}}</c>, with the messages and details the
/// Gemini API really sends for each case.
/// </summary>
internal static class GeminiErrorBodies
{
    public static Task WriteAsync(HttpContext ctx, int status, string grpcStatus, string message, Action<Utf8JsonWriter>? writeDetails, CancellationToken ct) =>
        JsonResponse.WriteAsync(ctx, status, w => WriteEnvelope(w, status, grpcStatus, message, writeDetails), ct);

    /// <summary>The envelope alone, also what a stream sends in place of an event when it fails midway.</summary>
    public static void WriteEnvelope(Utf8JsonWriter w, int code, string grpcStatus, string message, Action<Utf8JsonWriter>? writeDetails)
    {
        w.WriteStartObject();
        w.WriteStartObject("error"u8);
        w.WriteNumber("code"u8, code);
        w.WriteString("message"u8, message);
        w.WriteString("status"u8, grpcStatus);
        if (writeDetails is not null)
        {
            w.WriteStartArray("details"u8);
            writeDetails(w);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static Task WriteInvalidArgumentAsync(HttpContext ctx, string message, CancellationToken ct) =>
        WriteAsync(ctx, StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", message, null, ct);

    /// <summary>No key at all: a 403, not a 401.</summary>
    public static Task WriteMissingApiKeyAsync(HttpContext ctx, CancellationToken ct) =>
        WriteAsync(ctx, StatusCodes.Status403Forbidden, "PERMISSION_DENIED",
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
            null, ct);

    /// <summary>A wrong key: a 400 INVALID_ARGUMENT whose ErrorInfo says API_KEY_INVALID. The key is never echoed.</summary>
    public static Task WriteInvalidApiKeyAsync(HttpContext ctx, CancellationToken ct)
    {
        const string message = "API key not valid. Please pass a valid API key.";
        return WriteAsync(ctx, StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", message, w =>
        {
            w.WriteStartObject();
            w.WriteString("@type"u8, "type.googleapis.com/google.rpc.ErrorInfo");
            w.WriteString("reason"u8, "API_KEY_INVALID");
            w.WriteString("domain"u8, "googleapis.com");
            w.WriteStartObject("metadata"u8);
            w.WriteString("service"u8, "generativelanguage.googleapis.com");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("@type"u8, "type.googleapis.com/google.rpc.LocalizedMessage");
            w.WriteString("locale"u8, "en-US");
            w.WriteString("message"u8, message);
            w.WriteEndObject();
        }, ct);
    }

    /// <summary>What Gemini sends for that status (the <c>fail-&lt;status&gt;</c> scenario).</summary>
    public static Task WriteSimulatedFailureAsync(HttpContext ctx, int status, string model, FakeGeminiOptions options, CancellationToken ct) => status switch
    {
        StatusCodes.Status400BadRequest => WriteInvalidArgumentAsync(ctx, "Request contains an invalid argument.", ct),
        StatusCodes.Status401Unauthorized => WriteAsync(ctx, status, "UNAUTHENTICATED",
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. "
            + "See https://developers.google.com/identity/sign-in/web/devconsole-project.", null, ct),
        StatusCodes.Status403Forbidden => WriteAsync(ctx, status, "PERMISSION_DENIED", "The caller does not have permission", null, ct),
        StatusCodes.Status404NotFound => WriteAsync(ctx, status, "NOT_FOUND",
            $"models/{model} is not found for API version v1beta, or is not supported for generateContent. "
            + "Call ListModels to see the list of available models and their supported methods.", null, ct),
        StatusCodes.Status429TooManyRequests => WriteRateLimitedAsync(ctx, model, options.RetryDelaySeconds, ct),
        StatusCodes.Status500InternalServerError => WriteAsync(ctx, status, "INTERNAL",
            "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", null, ct),
        StatusCodes.Status503ServiceUnavailable => WriteAsync(ctx, status, "UNAVAILABLE", "The model is overloaded. Please try again later.", null, ct),
        StatusCodes.Status504GatewayTimeout => WriteAsync(ctx, status, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.", null, ct),
        _ => WriteAsync(ctx, status, status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION",
            $"Simulated failure {status.ToString(CultureInfo.InvariantCulture)} for model '{model}'.", null, ct),
    };

    /// <summary>A quota error: the wait is in a RetryInfo detail (Gemini sends no Retry-After header).</summary>
    private static Task WriteRateLimitedAsync(HttpContext ctx, string model, int retryDelaySeconds, CancellationToken ct)
    {
        var delay = retryDelaySeconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(ctx, StatusCodes.Status429TooManyRequests, "RESOURCE_EXHAUSTED",
            "You exceeded your current quota, please check your plan and billing details. For more information on this error, "
            + "head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: "
            + $"generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 15, model: {model}\nPlease retry in {delay}s.",
            w =>
            {
                w.WriteStartObject();
                w.WriteString("@type"u8, "type.googleapis.com/google.rpc.QuotaFailure");
                w.WriteStartArray("violations"u8);
                w.WriteStartObject();
                w.WriteString("quotaMetric"u8, "generativelanguage.googleapis.com/generate_content_free_tier_requests");
                w.WriteString("quotaId"u8, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
                w.WriteStartObject("quotaDimensions"u8);
                w.WriteString("location"u8, "global");
                w.WriteString("model"u8, model);
                w.WriteEndObject();
                w.WriteString("quotaValue"u8, "15");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("@type"u8, "type.googleapis.com/google.rpc.Help");
                w.WriteStartArray("links"u8);
                w.WriteStartObject();
                w.WriteString("description"u8, "Learn more about Gemini API quotas");
                w.WriteString("url"u8, "https://ai.google.dev/gemini-api/docs/rate-limits");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("@type"u8, "type.googleapis.com/google.rpc.RetryInfo");
                w.WriteString("retryDelay"u8, delay + "s");
                w.WriteEndObject();
            }, ct);
    }
}
