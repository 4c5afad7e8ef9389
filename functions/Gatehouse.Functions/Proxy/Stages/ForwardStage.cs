using System.Text.Json;
using Gatehouse.Budgets;
using Gatehouse.Errors;
using Gatehouse.Providers;
using Gatehouse.Routing;
using Gatehouse.Streaming;
using Gatehouse.Tokens;

namespace Gatehouse.Proxy.Stages;

/// <summary>
/// Sends the request to the chosen deployment and relays the answer. Streams are relayed event by event and
/// flushed as they arrive, never buffered whole. Until the first byte reaches the client an upstream failure
/// is an ordinary error response; after it, the stream ends with an error event (the failover boundary). Counts what
/// the answer used (<see cref="Metering"/>) and, on streams, keeps its cost inside the budget (<see cref="StreamMeter"/>).
/// </summary>
internal sealed partial class ForwardStage(UpstreamSender sender, BudgetGuard budgets, ILogger<ForwardStage> logger) : IProxyStage
{
    public async ValueTask<GatewayError?> RunAsync(ProxyContext context)
    {
        var addStreamUsage = context.Stream && context.Deployment!.Provider.RequestStreamUsage && !StreamUsage.ClientAsked(context.Body!);
        var request = new ProviderRequest(context.Operation, context.Body!, context.Stream, addStreamUsage);
        using var exchange = await sender.SendAsync(request, context.Deployment!, context.Aborted);
        context.Http.Response.Headers[GatewayHeaders.Deployment] = exchange.Deployment.Name;
        if (exchange.Error is { } error)
        {
            LogUpstreamFailed(logger, context.RequestId, exchange.Deployment.Name, error.Kind, error.UpstreamStatus);
            return GatewayErrors.Upstream(error);
        }

        return context.Stream ? await RelayStreamAsync(context, exchange, addStreamUsage) : await RelayJsonAsync(context, exchange);
    }

    private static async Task<GatewayError?> RelayJsonAsync(ProxyContext context, UpstreamExchange exchange)
    {
        ProviderResponse answer;
        try
        {
            answer = await exchange.Adapter.ReadResponseAsync(exchange.Response!, exchange.Token);
        }
        catch (Exception e) when (UpstreamBrokeOff(e, context, exchange))
        {
            return GatewayErrors.Upstream(Failure(exchange, e));
        }

        context.Usage = answer.Usage;
        if (answer.Usage is null)
        {
            context.CountedCompletionTokens = context.Operation == ProviderOperation.Embeddings
                ? 0
                : TokenEstimator.CountCompletion(answer.Body, exchange.Deployment.Model);
        }

        Metering.Measure(context);
        var response = context.Http.Response;
        if (context.CostUsd is { } cost)
        {
            response.Headers[GatewayHeaders.CostUsd] = Metering.Format(cost);
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        answer.Body.WriteTo(writer);
        await writer.FlushAsync(context.Aborted);
        return null;
    }

    private async Task<GatewayError?> RelayStreamAsync(ProxyContext context, UpstreamExchange exchange, bool addStreamUsage)
    {
        var started = false;
        var meter = new StreamMeter(context, budgets);
        UpstreamError? failure = null;
        GatewayError? cut = null;
        try
        {
            var sawDone = false;
            await foreach (var chunk in exchange.Adapter.ReadStreamAsync(exchange.Response!, exchange.Token))
            {
                exchange.MarkActivity();
                if (!started)
                {
                    // The client gets a 200 only once the upstream has produced its first event.
                    await StartStreamAsync(context.Http);
                    started = true;
                }

                if (chunk.IsDone)
                {
                    sawDone = true;
                    break;
                }

                context.MarkFirstToken();
                if ((cut = await meter.MeterAsync(chunk)) is not null)
                {
                    break; // leaving the loop disposes the exchange, which stops the upstream generating
                }

                if (addStreamUsage && StreamUsage.IsUsageOnly(chunk))
                {
                    continue;
                }

                if (addStreamUsage && StreamUsage.NullUsage(chunk.Data.Span) is { } omitted)
                {
                    await SseWriter.WriteDataAsync(context.Http.Response.BodyWriter, chunk.Data, omitted, context.Aborted);
                }
                else
                {
                    await SseWriter.WriteDataAsync(context.Http.Response.BodyWriter, chunk.Data, context.Aborted);
                }
            }

            failure = sawDone || cut is not null ? null : new UpstreamError(ProviderErrorKind.Unavailable, null, "The upstream stream ended before it was complete.");
        }
        catch (Exception e) when (UpstreamBrokeOff(e, context, exchange))
        {
            failure = Failure(exchange, e);
        }
        finally
        {
            meter.Complete(); // also when the client went away: what it was sent counts
        }

        Metering.Measure(context);
        if (cut is not null)
        {
            LogStreamCut(logger, context.RequestId, cut.Code);
            context.ErrorCode = cut.Code;
            context.StreamCut = cut.Code;
            await WriteErrorEventAsync(context, cut);
            return null;
        }

        if (failure is null)
        {
            AppendCostTrailer(context);
            await SseWriter.WriteDoneAsync(context.Http.Response.BodyWriter, context.Aborted);
            return null;
        }

        LogStreamFailed(logger, context.RequestId, exchange.Deployment.Name, failure.Kind, started);
        if (!started)
        {
            return GatewayErrors.Upstream(failure);
        }

        var error = GatewayErrors.Upstream(failure);
        context.ErrorCode = error.Code;
        await WriteErrorEventAsync(context, error);
        return null;
    }

    /// <summary>Where the protocol carries trailers (HTTP/2 and later), the stream's cost follows its last event.</summary>
    private static void AppendCostTrailer(ProxyContext context)
    {
        if (context.CostUsd is { } cost && context.Http.Response.SupportsTrailers())
        {
            context.Http.Response.AppendTrailer(GatewayHeaders.CostUsd, Metering.Format(cost));
        }
    }

    private static async Task StartStreamAsync(HttpContext http)
    {
        var response = http.Response;
        if (response.SupportsTrailers())
        {
            response.DeclareTrailer(GatewayHeaders.CostUsd);
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(http.RequestAborted);
    }

    private static async Task WriteErrorEventAsync(ProxyContext context, GatewayError error)
    {
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            ErrorResponses.WriteEnvelope(json, error);
        }

        var writer = context.Http.Response.BodyWriter;
        await SseWriter.WriteDataAsync(writer, buffer.ToArray(), context.Aborted);
        await SseWriter.WriteDoneAsync(writer, context.Aborted);
    }

    /// <summary>True for failures of the upstream side; a client that went away is not one (it propagates).</summary>
    private static bool UpstreamBrokeOff(Exception e, ProxyContext context, UpstreamExchange exchange) =>
        !context.Aborted.IsCancellationRequested
        && (e is HttpRequestException or IOException or InvalidDataException or JsonException
            || (e is OperationCanceledException && exchange.TimedOut));

    private static UpstreamError Failure(UpstreamExchange exchange, Exception e) => e switch
    {
        OperationCanceledException => exchange.TimeoutError(),
        JsonException or InvalidDataException => new UpstreamError(ProviderErrorKind.Server, null,
            $"The upstream provider '{exchange.Deployment.Provider.Name}' sent a malformed response."),
        _ => new UpstreamError(ProviderErrorKind.Unavailable, null,
            $"The connection to the upstream provider '{exchange.Deployment.Provider.Name}' broke off."),
    };

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Request {RequestId}: upstream {Deployment} failed ({Kind}, status {UpstreamStatus})")]
    private static partial void LogUpstreamFailed(ILogger logger, string requestId, string deployment, ProviderErrorKind kind, int? upstreamStatus);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Request {RequestId}: stream cut off by the gateway ({Code})")]
    private static partial void LogStreamCut(ILogger logger, string requestId, string code);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Request {RequestId}: stream from {Deployment} failed ({Kind}); client already receiving: {Started}")]
    private static partial void LogStreamFailed(ILogger logger, string requestId, string deployment, ProviderErrorKind kind, bool started);
}
