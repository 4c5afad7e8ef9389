using Gatehouse.Access;
using Gatehouse.Budgets;
using Gatehouse.Guardrails.PolicyOverrides;
using Gatehouse.Limits;

namespace Gatehouse.Keys;

/// <summary>
/// A gateway key as the rest of the app sees it. Holds no secret material. An app key (<see cref="Role"/> null)
/// calls <c>/v1</c>; an admin key (with a role) calls only <c>/admin</c>.
/// </summary>
public sealed record VirtualKey
{
    public required string Id { get; init; }

    /// <summary>The tenant the key belongs to; empty only for admin keys that are not scoped to a tenant.</summary>
    public required string Tenant { get; init; }

    public required string Name { get; init; }

    /// <summary>Who answers for the key (a person, team or app), for operators; free text.</summary>
    public string? Owner { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Allowed model aliases or patterns (<see cref="ModelPattern"/>); empty for admin keys.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    public AdminRole? Role { get; init; }

    /// <summary>The key's own rate limits; a kind left unset falls back to <c>Gatehouse:Limits:Key</c>.</summary>
    public RateLimits Limits { get; init; } = RateLimits.None;

    /// <summary>The key's own budget; null falls back to <c>Gatehouse:Budgets:Key</c>.</summary>
    public Budget? Budget { get; init; }

    /// <summary>The key's own guardrail policy; null falls back to its tenant's, else to the configured policies.</summary>
    public GuardrailPolicyOverride? GuardrailOverride { get; init; }

    /// <summary>The stored status: pending, active or revoked.</summary>
    public required KeyStatus Status { get; init; }

    public required string Hint { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RotatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsAdminKey => Role is not null;

    public KeyStatus StatusAt(DateTimeOffset now) =>
        Status == KeyStatus.Active && ExpiresAt <= now ? KeyStatus.Expired : Status;

    public bool AllowsModel(string alias) => Models.Any(pattern => ModelPattern.Matches(pattern, alias));
}
