using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Gatehouse.Errors;

/// <summary>
/// The single place a <see cref="GatewayError"/> becomes an HTTP answer: status, <c>Retry-After</c>, and the
/// OpenAI error envelope <c>{"error":{"message","type","param","code"}}</c>. Also serves as the answer for
/// unmatched routes and unhandled exceptions, so no response escapes in another shape.
/// </summary>
public static class ErrorResponses
{
    public static async Task WriteAsync(HttpContext context, GatewayError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.Body);
        WriteEnvelope(writer, error);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>The envelope alone, also used for an error event inside an SSE stream.</summary>
    public static void WriteEnvelope(Utf8JsonWriter writer, GatewayError error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", error.Message);
        writer.WriteString("type", error.Type);
        writer.WriteString("param", error.Param);
        writer.WriteString("code", error.Code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>For <c>UseStatusCodePages</c>: an empty 404/405 from routing gets the envelope.</summary>
    public static Task WriteStatusCodeAsync(StatusCodeContext statusContext)
    {
        var http = statusContext.HttpContext;
        var error = http.Response.StatusCode switch
        {
            404 => GatewayErrors.RouteNotFound(http.Request.Method, http.Request.Path),
            405 => GatewayErrors.MethodNotAllowed(http.Request.Method, http.Request.Path),
            413 => GatewayErrors.RequestTooLarge(http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0),
            _ => new GatewayError(http.Response.StatusCode, ErrorTypes.InvalidRequest, "http_error", $"HTTP {http.Response.StatusCode}."),
        };
        return WriteAsync(http, error);
    }

    /// <summary>For <c>UseExceptionHandler</c>: a bug becomes a 500 envelope; the exception text stays in the log.</summary>
    public static Task WriteExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var error = exception is BadHttpRequestException { StatusCode: 413 } tooLarge
            ? GatewayErrors.RequestTooLarge(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0)
            : GatewayErrors.Internal();
        return WriteAsync(context, error);
    }
}
