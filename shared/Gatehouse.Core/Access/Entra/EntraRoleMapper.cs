using Gatehouse.Configuration;
using Gatehouse.Tenants;

namespace Gatehouse.Access.Entra;

/// <summary>
/// Turns the app-role values in an Entra token's <c>roles</c> claim into admin grants. App roles are assigned in the
/// directory, so this is where a directory admin's choices become Gatehouse permissions; anything not recognised grants
/// nothing. Values are compared ordinally: Entra preserves case, and a near-miss must not grant a role.
/// </summary>
public static class EntraRoleMapper
{
    public static IReadOnlyList<RoleGrant> Map(IEnumerable<string> roles, EntraOptions options)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(options);
        var grants = new List<RoleGrant>();
        foreach (var role in roles)
        {
            if (MapOne(role, options) is { } grant && !grants.Contains(grant))
            {
                grants.Add(grant);
            }
        }

        return grants;
    }

    private static RoleGrant? MapOne(string role, EntraOptions options)
    {
        if (role == options.AdminRole)
            return new RoleGrant(AdminRole.Admin, null);
        if (role == options.ViewerRole)
            return new RoleGrant(AdminRole.Viewer, null);
        if (role == options.DeveloperRole)
            return new RoleGrant(AdminRole.Developer, null);

        return Scoped(role, options.ViewerRole + ".", AdminRole.Viewer)
            ?? Scoped(role, options.TenantAdminRolePrefix, AdminRole.TenantAdmin)
            ?? Scoped(role, options.DeveloperRolePrefix, AdminRole.Developer);
    }

    // A suffix that is not a tenant id grants nothing rather than a role on a tenant that cannot exist.
    private static RoleGrant? Scoped(string role, string prefix, AdminRole granted) =>
        role.StartsWith(prefix, StringComparison.Ordinal) && TenantId.IsValid(role[prefix.Length..])
            ? new RoleGrant(granted, role[prefix.Length..])
            : null;
}
