using Gatehouse.Errors;
using Gatehouse.Http;
using Gatehouse.Tenants;

namespace Gatehouse.Admin;

/// <summary><c>POST/GET /admin/tenants</c>.</summary>
internal static class TenantEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/tenants", CreateAsync);
        admin.MapGet("/tenants", ListAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, JsonBodyReader reader, TenantStore tenants)
    {
        var (body, error) = await reader.ReadAsync(http.Request, http.RequestAborted);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        var idError = JsonFields.RequireString(body!, "id", out var id, maxLength: 63);
        var nameError = JsonFields.RequireString(body!, "name", out var name, maxLength: 200);
        if ((idError ?? nameError) is { } invalid)
        {
            return new ErrorResult(invalid);
        }

        if (!TenantId.IsValid(id))
        {
            return new ErrorResult(GatewayErrors.InvalidValue("id", $"a tenant id is {TenantId.Rule}."));
        }

        var tenant = await tenants.TryCreateAsync(id, name, http.RequestAborted);
        return tenant is null
            ? new ErrorResult(GatewayErrors.Conflict("tenant_exists", $"A tenant with id '{id}' already exists."))
            : AdminJson.Created(TenantResponse.From(tenant));
    }

    private static async Task<IResult> ListAsync(HttpContext http, TenantStore tenants) =>
        AdminJson.List((await tenants.ListAsync(http.RequestAborted)).Select(TenantResponse.From));
}
