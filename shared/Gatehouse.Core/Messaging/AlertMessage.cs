namespace Gatehouse.Messaging;

/// <summary>
/// One <c>alerts</c> queue message, e.g. a budget crossing a threshold. <see cref="Id"/> is stable for the same
/// crossing, so the alerts worker can drop a redelivered or re-sent alert.
/// </summary>
public sealed record AlertMessage
{
    public required string Id { get; init; }

    /// <summary>e.g. <see cref="AlertKinds.BudgetThreshold"/>.</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary><c>key</c>, <c>tenant</c> or <c>user</c>.</summary>
    public required string Scope { get; init; }

    public required string ScopeId { get; init; }

    public string? Tenant { get; init; }

    public string? KeyId { get; init; }

    public int ThresholdPercent { get; init; }

    public decimal BudgetUsd { get; init; }

    public decimal SpentUsd { get; init; }

    /// <summary><c>day</c> or <c>month</c>.</summary>
    public required string Period { get; init; }

    public required DateTimeOffset PeriodStart { get; init; }

    /// <summary>For people: says what crossed what, without prompt text or secrets.</summary>
    public required string Message { get; init; }
}
