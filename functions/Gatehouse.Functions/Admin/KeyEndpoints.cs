using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Keys;
using Gatehouse.Routing;
using Gatehouse.Tenants;
using Microsoft.Extensions.Options;

namespace Gatehouse.Admin;

/// <summary>
/// <c>/admin/keys</c>: app keys. Create (the only time a secret is shown, besides rotate), list, read, edit, rotate
/// and revoke. Admins act on every tenant, tenant admins on their own, viewers read.
/// </summary>
internal static class KeyEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/keys", CreateAsync).WithName("keys.create").Accepts<CreateKeyBody>("application/json").Produces<KeyResponse>(201);
        admin.MapGet("/keys", ListAsync).WithName("keys.list").Produces<ListResponse<KeyResponse>>();
        admin.MapGet("/keys/{id}", GetAsync).WithName("keys.get").Produces<KeyResponse>();
        admin.MapPatch("/keys/{id}", UpdateAsync).WithName("keys.update").Accepts<UpdateKeyBody>("application/json").Produces<KeyResponse>();
        admin.MapPost("/keys/{id}/rotate", RotateAsync).WithName("keys.rotate").Accepts<RotateKeyBody>("application/json").Produces<KeyResponse>();
        admin.MapPost("/keys/{id}/revoke", RevokeAsync).WithName("keys.revoke").Produces<KeyResponse>();
    }

    private static async Task<IResult> CreateAsync(HttpContext http, AdminBodyReader reader, TenantStore tenants, KeyStore keys, ModelCatalog catalog, TimeProvider time)
    {
        var (body, _, error) = await reader.ReadAsync<CreateKeyBody>(http);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        var principal = AdminCall.PrincipalOf(http);
        AdminCall.Of(http).Touches(body!.Tenant, null);
        var now = time.GetUtcNow();
        var invalid = KeyFieldRules.Text("tenant", body.Tenant, required: true, maxLength: 63)
            ?? (principal.CanManage(body.Tenant!) ? null : GatewayErrors.PermissionDenied($"create keys for tenant '{body.Tenant}'"))
            ?? KeyFieldRules.NewKey(body, catalog, now)
            ?? KeyFieldRules.Budget(body.Budget)
            ?? await TenantExistsAsync(tenants, body.Tenant!, http.RequestAborted);
        if (invalid is not null)
        {
            return new ErrorResult(invalid);
        }

        var (key, secret) = await keys.CreateAsync(KeyFieldRules.Spec(body, principal.Id, body.Budget?.ToBudget()), http.RequestAborted);
        AdminCall.Of(http).Touches(key.Tenant, key.Id);
        return AdminJson.Created(KeyResponse.From(key, now, secret));
    }

    private static async Task<IResult> ListAsync(string? tenant, HttpContext http, KeyStore keys, TimeProvider time)
    {
        var principal = AdminCall.PrincipalOf(http);
        if (tenant is not null && !TenantId.IsValid(tenant))
        {
            return new ErrorResult(GatewayErrors.InvalidValue("tenant", $"a tenant id is {TenantId.Rule}."));
        }

        if (tenant is not null && !principal.CanRead(tenant))
        {
            return new ErrorResult(GatewayErrors.PermissionDenied($"read keys of tenant '{tenant}'"));
        }

        var readable = principal.ReadableTenants;
        var listed = await keys.ListAsync(tenant, adminKeys: false, http.RequestAborted);
        var now = time.GetUtcNow();
        return AdminJson.List(listed.Where(k => readable is null || readable.Contains(k.Tenant)).Select(k => KeyResponse.From(k, now)));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, KeyStore keys, TimeProvider time) =>
        await FindReadableAsync(id, http, keys) is { } key
            ? AdminJson.Ok(KeyResponse.From(key, time.GetUtcNow()))
            : new ErrorResult(GatewayErrors.NotFound($"Key '{id}'"));

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, AdminBodyReader reader, KeyStore keys, KeyCache cache, ModelCatalog catalog, TimeProvider time)
    {
        var (body, raw, error) = await reader.ReadAsync<UpdateKeyBody>(http);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        var now = time.GetUtcNow();
        var invalid = (raw!.ContainsKey("name") ? KeyFieldRules.Text("name", body!.Name, required: true) : null)
            ?? (raw.ContainsKey("models") ? KeyFieldRules.Models(body!.Models, catalog, required: true) : null)
            ?? KeyFieldRules.Text("owner", body!.Owner, required: false)
            ?? KeyFieldRules.Metadata(body.Metadata)
            ?? KeyFieldRules.ExpiresAt(body.ExpiresAt, now)
            ?? KeyFieldRules.Limits(body.Limits)
            ?? KeyFieldRules.Budget(body.Budget);
        var (key, refusal) = await FindManageableAsync(id, http, keys);
        if ((refusal ?? invalid) is { } failed)
        {
            return new ErrorResult(failed);
        }

        // Admin keys never reach /v1, so a limit or budget on one would be a setting that does nothing.
        if (key!.IsAdminKey && (raw.ContainsKey(LimitsBody.Field) || raw.ContainsKey(BudgetBody.Field)))
        {
            var field = raw.ContainsKey(LimitsBody.Field) ? LimitsBody.Field : BudgetBody.Field;
            return new ErrorResult(GatewayErrors.InvalidValue(field, "admin keys do not call /v1; rate limits and budgets apply to app keys."));
        }

        var change = body!;
        var updated = await keys.UpdateAsync(key.Id, current => current with
        {
            Name = change.Name ?? current.Name,
            Models = change.Models is null ? current.Models : KeyFieldRules.Distinct(change.Models),
            Owner = raw.ContainsKey("owner") ? change.Owner : current.Owner,
            Metadata = change.Metadata ?? current.Metadata,
            ExpiresAt = raw.ContainsKey("expires_at") ? change.ExpiresAt : current.ExpiresAt,
            Limits = LimitsBody.Patch(current.Limits, change.Limits, raw),
            Budget = BudgetBody.Patch(current.Budget, change.Budget, raw),
        }, http.RequestAborted);

        // Takes effect here at once; other instances see it within Keys:CacheTtl.
        cache.Invalidate(key.Id);
        return updated is null ? new ErrorResult(GatewayErrors.NotFound($"Key '{id}'")) : AdminJson.Ok(KeyResponse.From(updated, now));
    }

    private static async Task<IResult> RotateAsync(string id, HttpContext http, AdminBodyReader reader, KeyStore keys, KeyCache cache, IOptions<GatehouseOptions> options, TimeProvider time)
    {
        var (body, _, error) = await reader.ReadAsync<RotateKeyBody>(http, optional: true);
        var maxGrace = options.Value.Keys.MaxRotationGrace;
        if (error is null && body!.GracePeriodSeconds is { } grace && (grace < 0 || grace > maxGrace.TotalSeconds))
        {
            error = GatewayErrors.InvalidValue("grace_period_seconds", $"must be between 0 and {(long)maxGrace.TotalSeconds} (Keys:MaxRotationGrace).");
        }

        var (key, refusal) = await FindManageableAsync(id, http, keys);
        if ((refusal ?? error) is { } failed)
        {
            return new ErrorResult(failed);
        }

        var rotation = await keys.RotateAsync(key!.Id, TimeSpan.FromSeconds(body!.GracePeriodSeconds ?? 0), http.RequestAborted);
        cache.Invalidate(key.Id);
        return rotation.Outcome switch
        {
            RotationOutcome.Rotated => AdminJson.Ok(KeyResponse.From(rotation.Key!, time.GetUtcNow(), rotation.Secret) with
            {
                PreviousKeyExpiresAt = rotation.PreviousSecretExpiresAt,
            }),
            RotationOutcome.NotActive => new ErrorResult(GatewayErrors.Conflict("key_not_active", $"Key '{id}' is not active; only active keys rotate.")),
            RotationOutcome.TooManySecrets => new ErrorResult(GatewayErrors.Conflict("too_many_secrets",
                $"Key '{id}' already has {KeyStore.MaxLiveSecrets} secrets in use; rotate with a shorter grace period or wait for one to end.")),
            _ => new ErrorResult(GatewayErrors.NotFound($"Key '{id}'")),
        };
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext http, KeyStore keys, KeyCache cache, TimeProvider time)
    {
        var (key, refusal) = await FindManageableAsync(id, http, keys);
        if (refusal is not null)
        {
            return new ErrorResult(refusal);
        }

        var revoked = await keys.RevokeAsync(key!.Id, http.RequestAborted);

        // Takes effect here at once; other instances drop their cached copy within Keys:CacheTtl.
        cache.Invalidate(key.Id);
        return revoked is null ? new ErrorResult(GatewayErrors.NotFound($"Key '{id}'")) : AdminJson.Ok(KeyResponse.From(revoked, time.GetUtcNow()));
    }

    /// <summary>
    /// A key the caller may read; null otherwise. Keys of tenants the caller cannot see are "not found", so their ids
    /// cannot be probed. Admin keys are reachable here only by admins.
    /// </summary>
    internal static async Task<VirtualKey?> FindReadableAsync(string id, HttpContext http, KeyStore keys)
    {
        var principal = AdminCall.PrincipalOf(http);
        AdminCall.Of(http).Touches(null, id);
        if (!KeySecret.IsValidKeyId(id) || await keys.GetAsync(id, http.RequestAborted) is not { } key)
        {
            return null;
        }

        AdminCall.Of(http).Touches(key.Tenant.Length == 0 ? null : key.Tenant, id);
        var visible = key.IsAdminKey ? principal.IsAdmin : principal.CanRead(key.Tenant);
        return visible ? key : null;
    }

    internal static async Task<(VirtualKey? Key, GatewayError? Refusal)> FindManageableAsync(string id, HttpContext http, KeyStore keys)
    {
        if (await FindReadableAsync(id, http, keys) is not { } key)
        {
            return (null, GatewayErrors.NotFound($"Key '{id}'"));
        }

        var principal = AdminCall.PrincipalOf(http);
        var allowed = key.IsAdminKey ? principal.IsAdmin : principal.CanManage(key.Tenant);
        return allowed ? (key, null) : (null, GatewayErrors.PermissionDenied($"change key '{id}'"));
    }

    internal static async Task<GatewayError?> TenantExistsAsync(TenantStore tenants, string tenant, CancellationToken cancellationToken) =>
        TenantId.IsValid(tenant) && await tenants.GetAsync(tenant, cancellationToken) is not null
            ? null
            : GatewayErrors.InvalidValue("tenant", $"no tenant '{tenant}' exists; create it first.");
}
