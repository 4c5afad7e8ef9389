using System.Text.Json;
using Gatehouse.Messaging;

namespace Gatehouse.Hosting;

/// <summary>
/// The custom-handler payload protocol for queue-triggered functions: the host POSTs <c>{Data, Metadata}</c> to
/// <c>/{FunctionName}</c>; a 200 with <c>{Outputs, Logs, ReturnValue}</c> completes the message, anything else
/// fails the invocation (redelivery, then the poison queue). Mapped only when run by the Functions host, so in
/// standalone mode nobody can inject queue messages over HTTP.
/// </summary>
public static partial class CustomHandlerEndpoints
{
    private static readonly JsonSerializerOptions PayloadJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The host reads <c>Outputs</c>, <c>Logs</c>, <c>ReturnValue</c>: property names as declared, not camelCase.</summary>
    private static readonly JsonSerializerOptions HostJson = new() { PropertyNamingPolicy = null };

    public static IEndpointRouteBuilder MapCustomHandlerEndpoints(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<HostingMode>().IsCustomHandler)
        {
            return app;
        }

        foreach (var function in app.ServiceProvider.GetServices<QueueFunction>())
        {
            app.MapPost($"/{function.FunctionName}", (HttpContext http, IServiceProvider services, ILoggerFactory loggers) =>
                InvokeAsync(function, http, services, loggers.CreateLogger(typeof(CustomHandlerEndpoints))));
        }

        return app;
    }

    private static async Task<IResult> InvokeAsync(QueueFunction function, HttpContext http, IServiceProvider services, ILogger logger)
    {
        CustomHandlerRequest? payload;
        try
        {
            payload = await JsonSerializer.DeserializeAsync<CustomHandlerRequest>(http.Request.Body, PayloadJson, http.RequestAborted);
        }
        catch (JsonException)
        {
            payload = null;
        }

        if (payload is null || !QueueTriggerPayload.TryRead(payload, function.FunctionName, out var text, out var context))
        {
            LogBadPayload(logger, function.FunctionName);
            return Reply(StatusCodes.Status400BadRequest, $"{function.FunctionName}: the invocation payload has no readable '{QueueTriggerPayload.TriggerBindingName}' message.");
        }

        try
        {
            await function.InvokeAsync(services, text, context, http.RequestAborted);
            return Reply(StatusCodes.Status200OK, $"{function.FunctionName}: handled message {context.MessageId} (delivery {context.DequeueCount}).");
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, e, function.FunctionName, context.MessageId, context.DequeueCount);
            return Reply(StatusCodes.Status500InternalServerError, $"{function.FunctionName}: message {context.MessageId} failed ({e.GetType().Name}); it will be retried.");
        }
    }

    private static IResult Reply(int status, string log) =>
        Results.Json(new CustomHandlerResponse([], [log], null), HostJson, statusCode: status);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "{Function}: unreadable invocation payload")]
    private static partial void LogBadPayload(ILogger logger, string function);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{Function}: message {MessageId} failed on delivery {DequeueCount}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);
}
