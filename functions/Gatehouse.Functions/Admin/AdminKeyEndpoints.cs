using Gatehouse.Access;
using Gatehouse.Errors;
using Gatehouse.Keys;
using Gatehouse.Tenants;

namespace Gatehouse.Admin;

/// <summary>
/// <c>/admin/admin-keys</c>: operator credentials with a role, stored hashed like app keys. Only admins issue and list
/// them; they rotate and revoke through <c>/admin/keys/{id}/…</c> like any key. An admin key never calls <c>/v1</c>.
/// </summary>
internal static class AdminKeyEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/admin-keys", CreateAsync).WithName("admin-keys.create").Accepts<CreateAdminKeyBody>("application/json").Produces<KeyResponse>(201);
        admin.MapGet("/admin-keys", ListAsync).WithName("admin-keys.list").Produces<ListResponse<KeyResponse>>();
    }

    private static async Task<IResult> CreateAsync(HttpContext http, AdminBodyReader reader, TenantStore tenants, KeyStore keys, TimeProvider time)
    {
        var (body, _, error) = await reader.ReadAsync<CreateAdminKeyBody>(http);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        var principal = AdminCall.PrincipalOf(http);
        AdminCall.Of(http).Touches(body!.Tenant, null);
        if (!principal.IsAdmin)
        {
            return new ErrorResult(GatewayErrors.PermissionDenied("issue admin keys (admins only)"));
        }

        var now = time.GetUtcNow();
        var hasRole = AdminRoleNames.TryParse(body.Role, out var role);
        var invalid = KeyFieldRules.Text("name", body.Name, required: true)
            ?? KeyFieldRules.Text("role", body.Role, required: true)
            ?? (hasRole ? null : GatewayErrors.InvalidValue("role",
                $"one of {AdminRoleNames.Admin}, {AdminRoleNames.TenantAdmin}, {AdminRoleNames.Viewer}, {AdminRoleNames.Developer}."))
            ?? TenantScope(role, body.Tenant)
            ?? KeyFieldRules.Text("owner", body.Owner, required: false)
            ?? KeyFieldRules.ExpiresAt(body.ExpiresAt, now)
            ?? (body.Tenant is null ? null : await KeyEndpoints.TenantExistsAsync(tenants, body.Tenant, http.RequestAborted));
        if (invalid is not null)
        {
            return new ErrorResult(invalid);
        }

        var spec = new KeySpec(body.Tenant ?? "", body.Name!, [], principal.Id, body.Owner, ExpiresAt: body.ExpiresAt, Role: role);
        var (key, secret) = await keys.CreateAsync(spec, http.RequestAborted);
        AdminCall.Of(http).Touches(body.Tenant, key.Id);
        return AdminJson.Created(KeyResponse.From(key, now, secret));
    }

    private static async Task<IResult> ListAsync(HttpContext http, KeyStore keys, TimeProvider time)
    {
        if (!AdminCall.PrincipalOf(http).IsAdmin)
        {
            return new ErrorResult(GatewayErrors.PermissionDenied("list admin keys (admins only)"));
        }

        var now = time.GetUtcNow();
        return AdminJson.List((await keys.ListAsync(null, adminKeys: true, http.RequestAborted)).Select(k => KeyResponse.From(k, now)));
    }

    /// <summary>Tenant admins are always scoped to a tenant; admins never are (an admin of one tenant is a tenant admin).</summary>
    private static GatewayError? TenantScope(AdminRole role, string? tenant) => role switch
    {
        AdminRole.TenantAdmin when tenant is null => GatewayErrors.MissingParameter("tenant"),
        AdminRole.Admin when tenant is not null => GatewayErrors.InvalidValue("tenant", "admin keys act on every tenant; use role tenant-admin for one."),
        _ => null,
    };
}
