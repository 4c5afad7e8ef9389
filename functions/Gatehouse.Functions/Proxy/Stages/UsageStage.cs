using Gatehouse.Guardrails;
using Gatehouse.Messaging;

namespace Gatehouse.Proxy.Stages;

/// <summary>
/// Runs at the end of every request that got as far as a route (an authenticated key, a configured alias it may
/// use), however it ended: answered, failed, rate limited or blocked. Hands one usage record to the
/// <c>usage-events</c> queue for the cost rollups, without waiting. Requests refused before that (bad key, unknown
/// alias) are left out: their alias is whatever the client typed, and the rollups would grow a row per typo.
/// </summary>
internal sealed class UsageStage(UsagePublisher publisher)
{
    public void Record(ProxyContext context)
    {
        if (context.Key is not { } key || context.Route is null || context.ModelAlias is not { } alias)
        {
            return;
        }

        var usage = context.Usage;
        publisher.TryPublish(new UsageRecord
        {
            RequestId = context.RequestId,
            Time = context.StartedAt,
            Tenant = key.Tenant,
            KeyId = key.Id,
            EndUser = context.EndUser,
            Model = alias,
            Deployment = context.Deployment?.Name,
            ProviderModel = context.Deployment?.Model,
            Stream = context.Stream,
            Status = context.RecordedStatus,
            PromptTokens = usage?.PromptTokens ?? 0,
            CachedPromptTokens = usage?.CachedPromptTokens ?? 0,
            CompletionTokens = usage?.CompletionTokens ?? 0,
            CostUsd = context.CostUsd,
            UsageSource = context.UsageSource,
            ErrorCode = context.ErrorCode,
            Blocked = Blocked(context),
            FailedOver = FailedOver(context),
            LatencyMs = context.Elapsed.TotalMilliseconds,
        });
    }

    /// <summary>A guardrail blocked the prompt, the whole answer, or the rest of a stream.</summary>
    private static bool Blocked(ProxyContext context) =>
        context.Guardrails?.Action == GuardrailAction.Block
        || context.OutputGuardrails?.Any(o => o.Action == GuardrailActions.Block) == true;

    /// <summary>Another deployment than the first one tried was tried after it: the route failed over.</summary>
    private static bool FailedOver(ProxyContext context) =>
        context.Attempts is [var first, .. var rest] && rest.Any(a => a.Deployment != first.Deployment);
}
