using Gatehouse.Access;
using Gatehouse.Budgets;
using Gatehouse.Limits;

namespace Gatehouse.Keys;

/// <summary>What a new key should be; validated by the admin API before it reaches the store.</summary>
public sealed record KeySpec(
    string Tenant,
    string Name,
    IReadOnlyList<string> Models,
    string CreatedBy,
    string? Owner = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    DateTimeOffset? ExpiresAt = null,
    AdminRole? Role = null,
    RateLimits? Limits = null,
    Budget? Budget = null);
