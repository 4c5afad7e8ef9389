using System.Text.Json;
using Gatehouse.Budgets;
using Gatehouse.Errors;
using Gatehouse.Guardrails.Streaming;
using Gatehouse.Providers;
using Gatehouse.Routing;
using Gatehouse.Streaming;
using Gatehouse.Tokens;

namespace Gatehouse.Proxy.Stages;

/// <summary>
/// Sends the request through routing (retries, breakers, failover; see <see cref="UpstreamRouter"/>) and relays the
/// answer. Streams are relayed event by event and flushed as they arrive, never buffered whole. Until the first byte
/// reaches the client an upstream failure is retried or failed over, then an ordinary error response; after it, the
/// stream ends with an error event. Says which deployment served and after how many attempts
/// (<see cref="GatewayHeaders.Deployment"/>, <see cref="GatewayHeaders.Attempts"/>). Counts what the answer used
/// (<see cref="Metering"/>) and, on streams, keeps its cost inside the budget (<see cref="StreamMeter"/>). Output
/// guardrails and the restoring of masked values happen on the way (<see cref="OutputGuardrails"/>); a stream with
/// neither to do is relayed byte for byte.
/// </summary>
internal sealed partial class ForwardStage(
    UpstreamRouter router, BudgetGuard budgets, PriceBook prices, OutputGuardrails output, ILogger<ForwardStage> logger) : IProxyStage
{
    public async ValueTask<GatewayError?> RunAsync(ProxyContext context)
    {
        var clientAskedUsage = context.Stream && StreamUsage.ClientAsked(context.Body!);
        var request = new ProviderRequest(context.Operation, context.Body!, context.Stream, AddStreamUsage: context.Stream && !clientAskedUsage);
        var routed = await router.SendAsync(request, context.Plan!, context.Attempts, context.Aborted);
        await using var exchange = routed.Exchange;
        ServedBy(context, routed.Deployment);
        if (routed.Error is { } error)
        {
            LogUpstreamFailed(logger, context.RequestId, routed.Deployment?.Name, error.Kind, error.UpstreamStatus, context.Attempts.Count);
            return GatewayErrors.Upstream(error);
        }

        return context.Stream
            ? await RelayStreamAsync(context, exchange!, hideUsage: !clientAskedUsage)
            : await RelayJsonAsync(context, exchange!);
    }

    /// <summary>Records where the request went, and reprices it for that deployment's model.</summary>
    private void ServedBy(ProxyContext context, Deployment? deployment)
    {
        var headers = context.Http.Response.Headers;
        headers[GatewayHeaders.Attempts] = context.Attempts.Count(a => a.Sent).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (deployment is null)
        {
            return;
        }

        headers[GatewayHeaders.Deployment] = deployment.Name;
        if (deployment != context.Deployment)
        {
            context.Deployment = deployment;
            context.Price = prices.Find(deployment.Model);
            context.PromptTokens = null; // counted again for this model's tokenizer, if anyone needs it
        }
    }

    private async Task<GatewayError?> RelayJsonAsync(ProxyContext context, UpstreamExchange exchange)
    {
        var answer = exchange.Answer!;
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

        if (await output.ApplyAsync(context, answer.Body) is { } blocked)
        {
            return blocked;
        }

        context.BodyCapture?.Answered(answer.Body);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        answer.Body.WriteTo(writer);
        await writer.FlushAsync(context.Aborted);
        return null;
    }

    /// <summary>
    /// Relays a started stream: its opening events, then the rest as they come. From here on nothing is retried: the
    /// client has its 200, so a failure ends the stream with an error event.
    /// </summary>
    private async Task<GatewayError?> RelayStreamAsync(ProxyContext context, UpstreamExchange exchange, bool hideUsage)
    {
        var meter = new StreamMeter(context, budgets);
        var scanner = output.ScannerFor(context);
        UpstreamError? failure = null;
        GatewayError? cut = null;
        await StartStreamAsync(context.Http);
        try
        {
            var sawDone = false;
            await foreach (var chunk in Events(exchange))
            {
                if (chunk.IsDone)
                {
                    sawDone = true;
                    break;
                }

                context.MarkFirstToken();
                if ((cut = await meter.MeterAsync(chunk)) is not null)
                {
                    break; // disposing the exchange stops the upstream generating
                }

                if (scanner is null)
                {
                    await RelayAsync(context, chunk, hideUsage);
                }
                else if ((cut = await RelayScannedAsync(context, await scanner.ScanAsync(chunk, context.Aborted), hideUsage)) is not null)
                {
                    break; // blocked: nothing more is relayed
                }
            }

            if (sawDone && scanner is not null)
            {
                cut = await RelayScannedAsync(context, await scanner.FinishAsync(context.Aborted), hideUsage);
            }

            failure = sawDone || cut is not null ? null : new UpstreamError(ProviderErrorKind.Unavailable, null, "The upstream stream ended before it was complete.");
        }
        catch (Exception e) when (!context.Aborted.IsCancellationRequested && exchange.FailureOf(e) is { } broken)
        {
            failure = broken; // a client that went away is not an upstream failure: that propagates
        }
        finally
        {
            meter.Complete(); // also when the client went away: what it was sent counts
            if (scanner is not null)
            {
                OutputGuardrails.Completed(context, scanner);
            }
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

        LogStreamFailed(logger, context.RequestId, exchange.Deployment.Name, failure.Kind);
        context.Attempts[^1] = context.Attempts[^1] with { Outcome = AttemptOutcomes.StreamBroken };
        var error = GatewayErrors.Upstream(failure);
        context.ErrorCode = error.Code;
        await WriteErrorEventAsync(context, error);
        return null;
    }

    /// <summary>The opening events routing read to see the stream start, then the rest as the upstream sends them.</summary>
    private static async IAsyncEnumerable<ChatStreamChunk> Events(UpstreamExchange exchange)
    {
        foreach (var chunk in exchange.Opening)
        {
            yield return chunk;
        }

        if (exchange.Rest is not { } rest || exchange.Opening is [.., { IsDone: true }])
        {
            yield break;
        }

        while (await rest.MoveNextAsync())
        {
            exchange.MarkActivity();
            yield return rest.Current;
        }
    }

    /// <summary>What the output scanner made of a chunk: relayed, or when it blocked, the error that ends the stream.</summary>
    private static async Task<GatewayError?> RelayScannedAsync(ProxyContext context, StreamScanStep step, bool hideUsage)
    {
        if (step.Blocked is { } types)
        {
            return GatewayErrors.GuardrailBlockedAnswer(types);
        }

        foreach (var chunk in step.Chunks)
        {
            await RelayAsync(context, chunk, hideUsage);
        }

        return null;
    }

    /// <summary>
    /// Writes one event. For a client that did not ask for usage, the usage the gateway asked for on its behalf is left
    /// out: the usage-only chunk, and the <c>"usage":null</c> member OpenAI then adds to every other chunk.
    /// </summary>
    private static async Task RelayAsync(ProxyContext context, ChatStreamChunk chunk, bool hideUsage)
    {
        context.BodyCapture?.Relayed(chunk);
        var writer = context.Http.Response.BodyWriter;
        if (!hideUsage)
        {
            await SseWriter.WriteDataAsync(writer, chunk.Data, context.Aborted);
        }
        else if (StreamUsage.IsUsageOnly(chunk))
        {
            return;
        }
        else if (StreamUsage.NullUsage(chunk.Data.Span) is { } omitted)
        {
            await SseWriter.WriteDataAsync(writer, chunk.Data, omitted, context.Aborted);
        }
        else
        {
            await SseWriter.WriteDataAsync(writer, chunk.Data, context.Aborted);
        }
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

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Request {RequestId}: upstream failed ({Kind}, status {UpstreamStatus}); last tried {Deployment}, {Attempts} attempts")]
    private static partial void LogUpstreamFailed(ILogger logger, string requestId, string? deployment, ProviderErrorKind kind, int? upstreamStatus, int attempts);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Request {RequestId}: stream cut off by the gateway ({Code})")]
    private static partial void LogStreamCut(ILogger logger, string requestId, string code);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Request {RequestId}: stream from {Deployment} broke off after it started ({Kind})")]
    private static partial void LogStreamFailed(ILogger logger, string requestId, string deployment, ProviderErrorKind kind);
}
