using Gatehouse.Errors;
using Gatehouse.Limits;
using Gatehouse.Tenants;

namespace Gatehouse.Admin;

/// <summary><c>/admin/tenants</c>: admins create them; readers list and read the ones they may see; tenant admins rename theirs; only admins set limits and budgets.</summary>
internal static class TenantEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/tenants", CreateAsync).WithName("tenants.create").Accepts<CreateTenantBody>("application/json").Produces<TenantResponse>(201);
        admin.MapGet("/tenants", ListAsync).WithName("tenants.list").Produces<ListResponse<TenantResponse>>();
        admin.MapGet("/tenants/{id}", GetAsync).WithName("tenants.get").Produces<TenantResponse>();
        admin.MapPatch("/tenants/{id}", UpdateAsync).WithName("tenants.update").Accepts<UpdateTenantBody>("application/json").Produces<TenantResponse>();
    }

    private static async Task<IResult> CreateAsync(HttpContext http, AdminBodyReader reader, TenantStore tenants)
    {
        var (body, _, error) = await reader.ReadAsync<CreateTenantBody>(http);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        AdminCall.Of(http).Touches(body!.Id, body.Id);
        var invalid = (AdminCall.PrincipalOf(http).IsAdmin ? null : GatewayErrors.PermissionDenied("create tenants (admins only)"))
            ?? KeyFieldRules.Text("id", body.Id, required: true, maxLength: 63)
            ?? (TenantId.IsValid(body.Id!) ? null : GatewayErrors.InvalidValue("id", $"a tenant id is {TenantId.Rule}."))
            ?? KeyFieldRules.Text("name", body.Name, required: true)
            ?? KeyFieldRules.Limits(body.Limits)
            ?? KeyFieldRules.Budget(body.Budget);
        if (invalid is not null)
        {
            return new ErrorResult(invalid);
        }

        var tenant = await tenants.TryCreateAsync(body.Id!, body.Name!, body.Limits?.ToLimits() ?? RateLimits.None, body.Budget?.ToBudget(), http.RequestAborted);
        return tenant is null
            ? new ErrorResult(GatewayErrors.Conflict("tenant_exists", $"A tenant with id '{body.Id}' already exists."))
            : AdminJson.Created(TenantResponse.From(tenant));
    }

    private static async Task<IResult> ListAsync(HttpContext http, TenantStore tenants)
    {
        var principal = AdminCall.PrincipalOf(http);
        return AdminJson.List((await tenants.ListAsync(http.RequestAborted)).Where(t => principal.CanRead(t.Id)).Select(TenantResponse.From));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, TenantStore tenants) =>
        TenantId.IsValid(id) && AdminCall.PrincipalOf(http).CanRead(id) && await tenants.GetAsync(id, http.RequestAborted) is { } tenant
            ? AdminJson.Ok(TenantResponse.From(tenant))
            : new ErrorResult(GatewayErrors.NotFound($"Tenant '{id}'"));

    /// <summary>
    /// Tenant admins may rename their tenant but not set its limits or budget: those bound what the whole tenant may
    /// spend, so a tenant admin could otherwise lift its own ceiling. Key limits and budgets inside the tenant are theirs to set.
    /// </summary>
    private static async Task<IResult> UpdateAsync(string id, HttpContext http, AdminBodyReader reader, TenantStore tenants)
    {
        var (body, raw, error) = await reader.ReadAsync<UpdateTenantBody>(http);
        AdminCall.Of(http).Touches(id, id);
        var principal = AdminCall.PrincipalOf(http);
        var renames = raw?.ContainsKey("name") == true;
        var setsLimits = raw?.ContainsKey(LimitsBody.Field) == true;
        var setsBudget = raw?.ContainsKey(BudgetBody.Field) == true;
        var invalid = error
            ?? (TenantId.IsValid(id) && principal.CanRead(id) ? null : GatewayErrors.NotFound($"Tenant '{id}'"))
            ?? (principal.CanManage(id) ? null : GatewayErrors.PermissionDenied($"change tenant '{id}'"))
            ?? (!setsLimits || principal.IsAdmin ? null : GatewayErrors.PermissionDenied($"set the limits of tenant '{id}' (admins only)"))
            ?? (!setsBudget || principal.IsAdmin ? null : GatewayErrors.PermissionDenied($"set the budget of tenant '{id}' (admins only)"))
            ?? (renames || setsLimits || setsBudget ? null : GatewayErrors.InvalidValue("body", "give at least one of 'name', 'limits' and 'budget'."))
            ?? (renames ? KeyFieldRules.Text("name", body!.Name, required: true) : null)
            ?? KeyFieldRules.Limits(body!.Limits)
            ?? KeyFieldRules.Budget(body.Budget);
        if (invalid is not null)
        {
            return new ErrorResult(invalid);
        }

        var change = body!;
        return await tenants.UpdateAsync(id, current => current with
        {
            Name = change.Name ?? current.Name,
            Limits = LimitsBody.Patch(current.Limits, change.Limits, raw!),
            Budget = BudgetBody.Patch(current.Budget, change.Budget, raw!),
        }, http.RequestAborted) is { } tenant
            ? AdminJson.Ok(TenantResponse.From(tenant))
            : new ErrorResult(GatewayErrors.NotFound($"Tenant '{id}'"));
    }
}
