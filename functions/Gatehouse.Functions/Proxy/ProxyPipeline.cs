using Gatehouse.Errors;
using Gatehouse.Providers;
using Gatehouse.Proxy.Stages;

namespace Gatehouse.Proxy;

/// <summary>
/// The proxy path as an ordered list of stages around one <see cref="ProxyContext"/>; the only place that decides
/// the order. Input guardrails run after the rate limits, so a flood cannot spend detector time, and before the
/// budget, so a request they re-route is priced at the route that serves it. Every request, however it ends, settles
/// what it reserved and produces exactly one audit event (and, once routed, one usage record).
/// </summary>
internal sealed partial class ProxyPipeline(
    AuthenticateStage authenticate,
    ReadRequestStage readRequest,
    RouteStage route,
    RateLimitStage rateLimit,
    InputGuardrailStage inputGuardrails,
    BudgetStage budget,
    ForwardStage forward,
    UsageStage usage,
    AuditStage audit,
    TimeProvider time,
    ILogger<ProxyPipeline> logger)
{
    private readonly IProxyStage[] _stages = [authenticate, readRequest, route, rateLimit, inputGuardrails, budget, forward];

    public async Task RunAsync(HttpContext http, ProviderOperation operation)
    {
        var context = new ProxyContext(http, operation, time.GetUtcNow());
        try
        {
            foreach (var stage in _stages)
            {
                if (await stage.RunAsync(context) is { } error)
                {
                    context.ErrorCode = error.Code;
                    await ErrorResponses.WriteAsync(http, error);
                    return;
                }
            }
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: writes fail with cancellation or I/O errors; either way nothing is left to send.
            context.ErrorCode = ErrorCodes.ClientClosedRequest;
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            LogUnhandled(logger, e, context.RequestId);
            context.ErrorCode = ErrorCodes.InternalError;
            if (http.Response.HasStarted)
            {
                http.Abort();
            }
            else
            {
                http.Response.Clear();
                await ErrorResponses.WriteAsync(http, GatewayErrors.Internal());
            }
        }
        finally
        {
            Metering.Measure(context);
            BudgetStage.Complete(context);
            RateLimitStage.Complete(context);
            usage.Record(context);
            await audit.RecordAsync(context);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Request {RequestId} failed inside the gateway")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string requestId);
}
