using System.Globalization;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.AzureOpenAI;

/// <summary>Azure OpenAI's error answers, with its status codes, bodies and (for 429) retry headers.</summary>
internal static class AzureErrorBodies
{
    private const string FilteredMessage =
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your "
        + "prompt and retry. To learn more about our content filtering policies please read our documentation: "
        + "https://go.microsoft.com/fwlink/?linkid=2198766";

    /// <summary>Wrong path or no <c>api-version</c>: Azure's bare 404.</summary>
    public static Task WriteResourceNotFoundAsync(HttpContext ctx, CancellationToken ct) =>
        WriteAsync(ctx, StatusCodes.Status404NotFound, "404", "Resource not found", ct);

    /// <summary>A missing or wrong key gets Azure's key message; a rejected Entra token gets the token service's own shape.</summary>
    public static Task WriteUnauthorizedAsync(HttpContext ctx, bool bearer, CancellationToken ct) => bearer
        ? JsonResponse.WriteAsync(ctx, StatusCodes.Status401Unauthorized, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("statusCode"u8, 401);
            w.WriteString("message"u8,
                "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.");
            w.WriteEndObject();
        }, ct)
        : WriteAsync(ctx, StatusCodes.Status401Unauthorized, "401",
            "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active "
            + "subscription and use a correct regional API endpoint for your resource.", ct);

    /// <summary>An OpenAI-style validation error, which Azure passes on as OpenAI wrote it.</summary>
    public static Task WriteInvalidRequestAsync(HttpContext ctx, string message, string? param, CancellationToken ct) =>
        JsonResponse.WriteAsync(ctx, StatusCodes.Status400BadRequest, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error"u8);
            w.WriteString("message"u8, message);
            w.WriteString("type"u8, "invalid_request_error"u8);
            if (param is null) w.WriteNull("param"u8); else w.WriteString("param"u8, param);
            w.WriteNull("code"u8);
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct);

    /// <summary>The deployment-named failures: <c>missing</c>, <c>filtered</c>, <c>fail-&lt;status&gt;</c>. False when none applies.</summary>
    public static async Task<bool> TryWriteScenarioFailureAsync(HttpContext ctx, string deployment, FakeAzureOpenAIOptions options, CancellationToken ct)
    {
        if (deployment == "missing")
        {
            await WriteAsync(ctx, StatusCodes.Status404NotFound, "DeploymentNotFound",
                "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, "
                + "please wait a moment and try again.", ct);
            return true;
        }

        if (deployment == "filtered")
        {
            await WriteContentFilteredAsync(ctx, ct);
            return true;
        }

        if (!deployment.StartsWith("fail-", StringComparison.Ordinal)
            || !int.TryParse(deployment.AsSpan("fail-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || status is < 400 or > 599)
        {
            return false;
        }

        await WriteFailureAsync(ctx, status, options, ct);
        return true;
    }

    private static Task WriteFailureAsync(HttpContext ctx, int status, FakeAzureOpenAIOptions options, CancellationToken ct)
    {
        switch (status)
        {
            case StatusCodes.Status429TooManyRequests:
                var seconds = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                ctx.Response.Headers.RetryAfter = seconds;
                ctx.Response.Headers["retry-after-ms"] = (options.RetryAfterSeconds * 1000).ToString(CultureInfo.InvariantCulture);
                ctx.Response.Headers["x-ratelimit-remaining-requests"] = "0";
                return WriteAsync(ctx, status, "429",
                    $"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version {ctx.Request.Query["api-version"]} "
                    + $"have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after {seconds} seconds. "
                    + "Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.", ct);
            case StatusCodes.Status401Unauthorized:
                return WriteUnauthorizedAsync(ctx, bearer: false, ct);
            case StatusCodes.Status400BadRequest:
                return WriteInvalidRequestAsync(ctx, "Invalid value for 'temperature': must be between 0 and 2.", "temperature", ct);
            case StatusCodes.Status500InternalServerError:
                return WriteAsync(ctx, status, "InternalServerError",
                    "The server had an error processing your request. Sorry about that! You can retry your request, or contact us "
                    + "through an Azure support request at: https://go.microsoft.com/fwlink/?linkid=2213926 if you keep seeing this error.", ct);
            case >= 500:
                return WriteAsync(ctx, status, "ServiceUnavailable", "The service is temporarily unable to process your request. Please try again later.", ct);
            default:
                return WriteAsync(ctx, status, status.ToString(CultureInfo.InvariantCulture),
                    $"Simulated failure {status.ToString(CultureInfo.InvariantCulture)}.", ct);
        }
    }

    /// <summary>The prompt refused by the content filter: 400 <c>content_filter</c> with the per-category verdicts.</summary>
    private static Task WriteContentFilteredAsync(HttpContext ctx, CancellationToken ct) =>
        JsonResponse.WriteAsync(ctx, StatusCodes.Status400BadRequest, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error"u8);
            w.WriteString("message"u8, FilteredMessage);
            w.WriteNull("type"u8);
            w.WriteString("param"u8, "prompt"u8);
            w.WriteString("code"u8, "content_filter"u8);
            w.WriteNumber("status"u8, 400);
            w.WriteStartObject("innererror"u8);
            w.WriteString("code"u8, "ResponsibleAIPolicyViolation"u8);
            w.WritePropertyName("content_filter_result"u8);
            AzureChatJson.WriteFilterResults(w, jailbreak: true, violenceSeverity: "high");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct);

    private static Task WriteAsync(HttpContext ctx, int status, string code, string message, CancellationToken ct) =>
        JsonResponse.WriteAsync(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error"u8);
            w.WriteString("code"u8, code);
            w.WriteString("message"u8, message);
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct);
}
