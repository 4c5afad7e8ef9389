namespace Gatehouse.Messaging;

/// <summary>
/// One <c>alerts</c> queue message: a budget crossing a threshold, a burst of guardrail blocks on a key, a failover
/// storm on a model, or a message gone to a poison queue. <see cref="Id"/> is stable for the same occurrence (kind,
/// subject and window), so the alerts worker keeps one record per window however often it is sent or delivered.
/// </summary>
public sealed record AlertMessage
{
    public required string Id { get; init; }

    /// <summary>One of <see cref="AlertKinds"/>.</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>What the alert is about: <c>key</c>, <c>tenant</c>, <c>user</c>, <c>model</c> or <c>queue</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>The key id, tenant id, end user scope id, model alias or queue name.</summary>
    public required string ScopeId { get; init; }

    public string? Tenant { get; init; }

    public string? KeyId { get; init; }

    /// <summary>Budget alerts: the threshold crossed.</summary>
    public int ThresholdPercent { get; init; }

    public decimal BudgetUsd { get; init; }

    public decimal SpentUsd { get; init; }

    /// <summary>Budget alerts: <c>day</c> or <c>month</c>; burst and storm alerts: the window, e.g. <c>5m</c>.</summary>
    public string? Period { get; init; }

    /// <summary>Start of the budget period or of the window the burst was counted in.</summary>
    public DateTimeOffset? PeriodStart { get; init; }

    /// <summary>Burst and storm alerts: how many blocks or failovers the window held when the alert fired.</summary>
    public int Count { get; init; }

    /// <summary>Poison alerts: the queue message id that was moved to <c>{queue}-poison</c>.</summary>
    public string? MessageId { get; init; }

    /// <summary>For people: says what crossed what, without prompt text or secrets.</summary>
    public required string Message { get; init; }
}
