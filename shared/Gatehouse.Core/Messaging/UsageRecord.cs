namespace Gatehouse.Messaging;

/// <summary>
/// What one proxied request used and cost, for the cost roll-up: one per authenticated request that named a model,
/// answered, failed or blocked. Ids and figures only: no prompt or completion.
/// Carried in batches by <see cref="UsageMessage"/>.
/// </summary>
public sealed record UsageRecord
{
    public required string RequestId { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string Tenant { get; init; }

    public required string KeyId { get; init; }

    /// <summary>The app's end user, as the app named them, when it named one.</summary>
    public string? EndUser { get; init; }

    /// <summary>The model alias the client asked for.</summary>
    public required string Model { get; init; }

    /// <summary>The deployment that answered, when one did.</summary>
    public string? Deployment { get; init; }

    /// <summary>The upstream model name the deployment sent to the provider.</summary>
    public string? ProviderModel { get; init; }

    public bool Stream { get; init; }

    public int Status { get; init; }

    public int PromptTokens { get; init; }

    public int CachedPromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    /// <summary>Null when the model has no price: the roll-up then counts tokens but no spend.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary><see cref="UsageSources.Provider"/>, <see cref="UsageSources.Counted"/>, or null when nothing was used.</summary>
    public string? UsageSource { get; init; }

    /// <summary>The error code the client was given (e.g. <c>rate_limit_exceeded</c>), when it was given one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A guardrail blocked the request or its answer.</summary>
    public bool Blocked { get; init; }

    /// <summary>A deployment other than the route's first answered (or was tried after it failed).</summary>
    public bool FailedOver { get; init; }

    /// <summary>Whole request, first byte in to last byte out.</summary>
    public double LatencyMs { get; init; }
}
