using Gatehouse.Keys;
using Gatehouse.Tenants;

namespace Gatehouse.Admin;

/// <summary>What the admin API returns. The secret appears only in <see cref="CreatedKeyResponse"/>, once.</summary>
internal sealed record TenantResponse(string Id, string Name, DateTimeOffset CreatedAt)
{
    public static TenantResponse From(Tenant t) => new(t.Id, t.Name, t.CreatedAt);
}

internal sealed record KeyResponse(string Id, string Tenant, string Name, IReadOnlyList<string> Models, KeyStatus Status, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static KeyResponse From(VirtualKey k) => new(k.Id, k.Tenant, k.Name, k.Models, k.Status, k.Hint, k.CreatedAt, k.RevokedAt);
}

internal sealed record CreatedKeyResponse(string Id, string Key, string Tenant, string Name, IReadOnlyList<string> Models, KeyStatus Status, string Hint, DateTimeOffset CreatedAt);
