using System.Text.Json.Serialization;
using Gatehouse.Access;
using Gatehouse.Budgets;
using Gatehouse.Keys;
using Gatehouse.Limits;
using Gatehouse.Tenants;

namespace Gatehouse.Admin;

// What the admin API returns. A secret appears only as "key" in the answer that created it (create, rotate, key
// request), once; it is never stored and never returned again.

/// <summary>A scope's own rate limits; null = none of its own (the configured default applies).</summary>
internal sealed record LimitsResponse(int? Rpm, int? Tpm, int? Rpd, int? Concurrency)
{
    public static LimitsResponse From(RateLimits l) => new(l.Rpm, l.Tpm, l.Rpd, l.Concurrency);
}

/// <summary>A budget: <c>{"usd": 50, "period": "month"}</c>.</summary>
internal sealed record BudgetResponse(decimal Usd, BudgetPeriod Period)
{
    /// <summary>Null for none of its own (the configured default applies, if there is one).</summary>
    public static BudgetResponse? From(Budget? b) => b is null ? null : new(b.Usd, b.Period);
}

internal sealed record TenantResponse(string Id, string Name, LimitsResponse Limits, BudgetResponse? Budget, DateTimeOffset CreatedAt)
{
    public static TenantResponse From(Tenant t) => new(t.Id, t.Name, LimitsResponse.From(t.Limits), BudgetResponse.From(t.Budget), t.CreatedAt);
}

internal sealed record KeyResponse(
    string Id,
    string? Tenant,
    string Name,
    string? Owner,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Models,
    LimitsResponse Limits,
    BudgetResponse? Budget,
    AdminRole? Role,
    KeyStatus Status,
    string Hint,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RotatedAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>The secret: only in the answer that issued it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    /// <summary>After a rotation: when the previous secret stops working.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PreviousKeyExpiresAt { get; init; }

    /// <summary>The status as of <paramref name="now"/>: an active key past its expiry reads <c>expired</c>.</summary>
    public static KeyResponse From(VirtualKey k, DateTimeOffset now, string? secret = null) => new(
        k.Id, k.Tenant.Length == 0 ? null : k.Tenant, k.Name, k.Owner, k.Metadata, k.Models, LimitsResponse.From(k.Limits), BudgetResponse.From(k.Budget),
        k.Role, k.StatusAt(now), k.Hint, k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.RotatedAt, k.RevokedAt)
    {
        Key = secret,
    };
}

internal sealed record KeyRequestResponse(
    string Id,
    string KeyId,
    string Tenant,
    string Name,
    IReadOnlyList<string> Models,
    LimitsResponse Limits,
    KeyRequestStatus Status,
    string RequestedBy,
    string? Justification,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Comment)
{
    /// <summary>The pending key's secret: only in the answer that filed the request. It works once approved.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    public static KeyRequestResponse From(KeyRequest r, string? secret = null) => new(
        r.Id, r.KeyId, r.Tenant, r.Name, r.Models, LimitsResponse.From(r.Limits), r.Status, r.RequestedBy, r.Justification, r.CreatedAt, r.ExpiresAt,
        r.DecidedBy, r.DecidedAt, r.Comment)
    {
        Key = secret,
    };
}

/// <summary>Where the budget that applies to a key or tenant comes from.</summary>
internal enum BudgetSource
{
    /// <summary>The key's own.</summary>
    Key,

    /// <summary>The tenant's own.</summary>
    Tenant,

    /// <summary><c>Gatehouse:Budgets:Key</c> or <c>:Tenant</c>.</summary>
    Default,
}

/// <summary>
/// <c>GET …/budget</c>: the budget that applies and its current UTC period. <see cref="SpentUsd"/> is what instances
/// have reported, each within <c>Gatehouse:Budgets:FlushInterval</c>. With no budget at all, only
/// <c>{"budget": null, "source": null}</c>.
/// </summary>
internal sealed record BudgetSpendResponse(BudgetResponse? Budget, BudgetSource? Source)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? SpentUsd { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? RemainingUsd { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PeriodStart { get; init; }

    /// <summary>When the period ends and spend starts again from zero.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ResetsAt { get; init; }

    public static BudgetSpendResponse None { get; } = new(null, null);

    public static BudgetSpendResponse From(BudgetSpend spend, BudgetSource source) => new(BudgetResponse.From(spend.Budget), source)
    {
        SpentUsd = spend.SpentUsd,
        RemainingUsd = spend.RemainingUsd,
        PeriodStart = spend.PeriodStart,
        ResetsAt = spend.ResetsAt,
    };
}
