using Gatehouse.Budgets;
using Gatehouse.Guardrails.PolicyOverrides;
using Gatehouse.Limits;

namespace Gatehouse.Tenants;

public sealed record Tenant(string Id, string Name, DateTimeOffset CreatedAt)
{
    /// <summary>Limits on all the tenant's keys together; a kind left unset falls back to <c>Gatehouse:Limits:Tenant</c>.</summary>
    public RateLimits Limits { get; init; } = RateLimits.None;

    /// <summary>A budget on all the tenant's keys together; null falls back to <c>Gatehouse:Budgets:Tenant</c>.</summary>
    public Budget? Budget { get; init; }

    /// <summary>The tenant's own guardrail policy for all its keys; null = the configured policies (a key's own wins over it).</summary>
    public GuardrailPolicyOverride? GuardrailOverride { get; init; }
}
