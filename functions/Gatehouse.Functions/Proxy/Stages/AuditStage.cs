using Gatehouse.Audit;
using Gatehouse.Guardrails;

namespace Gatehouse.Proxy.Stages;

/// <summary>
/// Always runs last: turns the request's context into one audit event, handed off without waiting; with the prompt and
/// response encrypted in it when the body policy stores them (<see cref="AuditBodyBuilder"/>).
/// </summary>
internal sealed class AuditStage(AuditPublisher publisher, AuditBodyBuilder bodies)
{
    public async ValueTask RecordAsync(ProxyContext context)
    {
        var http = context.Http;
        var body = context.BodyCapture is { } capture ? await bodies.BuildAsync(context, capture) : null; // null when bodies are off
        publisher.TryPublish(new AuditEvent
        {
            RequestId = context.RequestId,
            Time = context.StartedAt,
            Route = $"{http.Request.Method} {http.Request.Path}",
            Tenant = context.Key?.Tenant,
            KeyId = context.Key?.Id,
            EndUser = context.EndUser,
            Model = context.ModelAlias,
            Deployment = context.Deployment?.Name,
            Stream = context.Stream,
            Status = context.RecordedStatus,
            ErrorCode = context.ErrorCode,
            LatencyMs = context.Elapsed.TotalMilliseconds,
            TimeToFirstTokenMs = context.TimeToFirstToken?.TotalMilliseconds,
            PromptTokens = context.Usage?.PromptTokens,
            CompletionTokens = context.Usage?.CompletionTokens,
            CachedPromptTokens = context.Usage?.CachedPromptTokens,
            UsageSource = context.UsageSource,
            CostUsd = context.CostUsd,
            StreamCut = context.StreamCut,
            Attempts = context.Attempts.Count > 0 ? [.. context.Attempts] : null,
            Guardrails = GuardrailOutcomes(context),
            FallbackFrom = context.Fallback?.From,
            FallbackTo = context.Fallback?.To,
            FallbackReason = context.Fallback is { } fallback ? string.Join(",", fallback.Reasons) : null,
            Body = body,
        });
    }

    /// <summary>The input outcomes, then the output ones; null when no guardrail ran.</summary>
    private static IReadOnlyList<GuardrailOutcome>? GuardrailOutcomes(ProxyContext context) =>
        (context.Guardrails?.Outcomes, context.OutputGuardrails) switch
        {
            (null, null) => null,
            ({ } input, null) => input,
            (null, { } output) => output,
            ({ } input, { } output) => [.. input, .. output],
        };
}
