namespace Gatehouse.Messaging;

/// <summary>
/// What one proxied request used and cost, for the cost roll-up. Ids and figures only: no prompt or completion.
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

    /// <summary><see cref="UsageSources.Provider"/> or <see cref="UsageSources.Counted"/>.</summary>
    public required string UsageSource { get; init; }
}
