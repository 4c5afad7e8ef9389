using Gatehouse.Errors;
using Gatehouse.Http;
using Gatehouse.Keys;
using Gatehouse.Routing;
using Gatehouse.Tenants;

namespace Gatehouse.Admin;

/// <summary><c>/admin/keys</c>: create (the only time a secret is shown), list, read and revoke.</summary>
internal static class KeyEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/keys", CreateAsync);
        admin.MapGet("/keys", ListAsync);
        admin.MapGet("/keys/{id}", GetAsync);
        admin.MapPost("/keys/{id}/revoke", RevokeAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, JsonBodyReader reader, TenantStore tenants, KeyStore keys, ModelCatalog catalog)
    {
        var (body, error) = await reader.ReadAsync(http.Request, http.RequestAborted);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        var tenantError = JsonFields.RequireString(body!, "tenant", out var tenantId, maxLength: 63);
        var nameError = JsonFields.RequireString(body!, "name", out var name, maxLength: 200);
        var modelsError = JsonFields.RequireStringArray(body!, "models", out var models);
        if ((tenantError ?? nameError ?? modelsError) is { } invalid)
        {
            return new ErrorResult(invalid);
        }

        if (models.FirstOrDefault(m => m != VirtualKey.AllModels && !catalog.TryGetRoute(m, out _)) is { } unknown)
        {
            return new ErrorResult(GatewayErrors.InvalidValue("models", $"'{unknown}' is not a configured model alias (use \"*\" for all)."));
        }

        if (!TenantId.IsValid(tenantId) || await tenants.GetAsync(tenantId, http.RequestAborted) is null)
        {
            return new ErrorResult(GatewayErrors.InvalidValue("tenant", $"no tenant '{tenantId}' exists; create it first."));
        }

        var (key, secret) = await keys.CreateAsync(tenantId, name, models, http.RequestAborted);
        return AdminJson.Created(new CreatedKeyResponse(key.Id, secret, key.Tenant, key.Name, key.Models, key.Status, key.Hint, key.CreatedAt));
    }

    private static async Task<IResult> ListAsync(string? tenant, HttpContext http, KeyStore keys)
    {
        if (tenant is not null && !TenantId.IsValid(tenant))
        {
            return new ErrorResult(GatewayErrors.InvalidValue("tenant", $"a tenant id is {TenantId.Rule}."));
        }

        return AdminJson.List((await keys.ListAsync(tenant, http.RequestAborted)).Select(KeyResponse.From));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, KeyStore keys) =>
        KeySecret.IsValidKeyId(id) && await keys.GetAsync(id, http.RequestAborted) is { } key
            ? AdminJson.Ok(KeyResponse.From(key))
            : new ErrorResult(GatewayErrors.NotFound($"Key '{id}'"));

    private static async Task<IResult> RevokeAsync(string id, HttpContext http, KeyStore keys, KeyCache cache)
    {
        if (!KeySecret.IsValidKeyId(id) || await keys.RevokeAsync(id, http.RequestAborted) is not { } key)
        {
            return new ErrorResult(GatewayErrors.NotFound($"Key '{id}'"));
        }

        // Takes effect here at once; other instances drop their cached copy within Keys:CacheTtl.
        cache.Invalidate(id);
        return AdminJson.Ok(KeyResponse.From(key));
    }
}
