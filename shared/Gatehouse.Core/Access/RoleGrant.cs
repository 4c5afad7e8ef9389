namespace Gatehouse.Access;

/// <summary>One role, on one tenant or (Tenant null) on all of them. Tenant admins are always scoped.</summary>
public sealed record RoleGrant(AdminRole Role, string? Tenant)
{
    public bool Covers(string tenant) => Tenant is null || Tenant == tenant;

    public override string ToString() => Tenant is null ? AdminRoleNames.ToName(Role) : $"{AdminRoleNames.ToName(Role)}:{Tenant}";
}
