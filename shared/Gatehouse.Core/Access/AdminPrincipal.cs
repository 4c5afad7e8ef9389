namespace Gatehouse.Access;

/// <summary>
/// Who is calling the admin API and what they may do. Built from the bootstrap admin key, a stored admin key or an
/// Entra ID token; the endpoints ask it questions and never look at where it came from.
/// </summary>
/// <param name="Id">Stable and non-secret, recorded in audit events: <c>bootstrap</c>, a key id, or <c>entra:{object id}</c>.</param>
public sealed record AdminPrincipal(string Id, IReadOnlyList<RoleGrant> Grants)
{
    /// <summary>May manage everything, including tenants and admin keys.</summary>
    public bool IsAdmin => Grants.Any(g => g.Role == AdminRole.Admin);

    public bool CanRead(string tenant) => Grants.Any(g => g.Role != AdminRole.Developer && g.Covers(tenant));

    public bool CanManage(string tenant) => Grants.Any(g => g.Role is AdminRole.Admin or AdminRole.TenantAdmin && g.Covers(tenant));

    /// <summary>Filing a key request needs less than managing: developers may ask, an admin of the tenant decides.</summary>
    public bool CanRequestKeys(string tenant) => CanManage(tenant) || Grants.Any(g => g.Role == AdminRole.Developer && g.Covers(tenant));

    /// <summary>The tenants this principal may read, or null for all of them.</summary>
    public IReadOnlySet<string>? ReadableTenants =>
        Grants.Any(g => g.Role != AdminRole.Developer && g.Tenant is null)
            ? null
            : Grants.Where(g => g.Role != AdminRole.Developer).Select(g => g.Tenant!).ToHashSet(StringComparer.Ordinal);
}
