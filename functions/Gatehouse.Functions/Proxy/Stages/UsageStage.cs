using Gatehouse.Messaging;

namespace Gatehouse.Proxy.Stages;

/// <summary>
/// Runs at the end of every request that used tokens: hands one usage record (tokens, cost) to the <c>usage-events</c>
/// queue for the cost rollups, without waiting.
/// </summary>
internal sealed class UsageStage(UsagePublisher publisher)
{
    public void Record(ProxyContext context)
    {
        if (context.Usage is not { } usage || context.Key is not { } key)
        {
            return;
        }

        publisher.TryPublish(new UsageRecord
        {
            RequestId = context.RequestId,
            Time = context.StartedAt,
            Tenant = key.Tenant,
            KeyId = key.Id,
            EndUser = context.EndUser,
            Model = context.ModelAlias!,
            Deployment = context.Deployment?.Name,
            ProviderModel = context.Deployment?.Model,
            Stream = context.Stream,
            Status = context.RecordedStatus,
            PromptTokens = usage.PromptTokens,
            CachedPromptTokens = usage.CachedPromptTokens,
            CompletionTokens = usage.CompletionTokens,
            CostUsd = context.CostUsd,
            UsageSource = context.UsageSource,
        });
    }
}
