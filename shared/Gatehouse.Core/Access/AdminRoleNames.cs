namespace Gatehouse.Access;

/// <summary>The role names used in the admin API, the CLI and configuration.</summary>
public static class AdminRoleNames
{
    public const string Admin = "admin";
    public const string TenantAdmin = "tenant-admin";
    public const string Viewer = "viewer";
    public const string Developer = "developer";

    public static string ToName(AdminRole role) => role switch
    {
        AdminRole.Admin => Admin,
        AdminRole.TenantAdmin => TenantAdmin,
        AdminRole.Viewer => Viewer,
        _ => Developer,
    };

    public static bool TryParse(string? name, out AdminRole role)
    {
        (var known, role) = name switch
        {
            Admin => (true, AdminRole.Admin),
            TenantAdmin => (true, AdminRole.TenantAdmin),
            Viewer => (true, AdminRole.Viewer),
            Developer => (true, AdminRole.Developer),
            _ => (false, AdminRole.Viewer),
        };
        return known;
    }
}
