using Gatehouse.Budgets;
using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Keys;
using Gatehouse.Limits;
using Gatehouse.Tenants;
using Microsoft.Extensions.Options;

namespace Gatehouse.Admin;

/// <summary>
/// <c>/admin/keys/{id}/budget</c> and <c>/admin/tenants/{id}/budget</c>: the budget that applies (the scope's own, else
/// the configured default) and what its current period has spent. Whoever may read the key or tenant may read this;
/// budgets are set with the key's or tenant's PATCH.
/// </summary>
internal static class BudgetEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/keys/{id}/budget", KeyAsync).WithName("keys.budget").Produces<BudgetSpendResponse>();
        admin.MapGet("/tenants/{id}/budget", TenantAsync).WithName("tenants.budget").Produces<BudgetSpendResponse>();
    }

    private static async Task<IResult> KeyAsync(string id, HttpContext http, KeyStore keys, BudgetSpendStore spend, IOptions<GatehouseOptions> options)
    {
        if (await KeyEndpoints.FindReadableAsync(id, http, keys) is not { } key)
        {
            return new ErrorResult(GatewayErrors.NotFound($"Key '{id}'"));
        }

        // Admin keys never reach /v1, so no budget applies to them, not even the default.
        return key.IsAdminKey
            ? AdminJson.Ok(BudgetSpendResponse.None)
            : await ReadAsync(ScopeIds.Key(key.Id), key.Budget, BudgetSource.Key, options.Value.Budgets.Key, spend, http.RequestAborted);
    }

    private static async Task<IResult> TenantAsync(string id, HttpContext http, TenantStore tenants, BudgetSpendStore spend, IOptions<GatehouseOptions> options)
    {
        AdminCall.Of(http).Touches(id, id);
        return TenantId.IsValid(id) && AdminCall.PrincipalOf(http).CanRead(id) && await tenants.GetAsync(id, http.RequestAborted) is { } tenant
            ? await ReadAsync(ScopeIds.Tenant(tenant.Id), tenant.Budget, BudgetSource.Tenant, options.Value.Budgets.Tenant, spend, http.RequestAborted)
            : new ErrorResult(GatewayErrors.NotFound($"Tenant '{id}'"));
    }

    private static async Task<IResult> ReadAsync(
        string scopeId, Budget? own, BudgetSource ownSource, BudgetSetting fallback, BudgetSpendStore spend, CancellationToken cancellationToken)
    {
        var (budget, source) = own is not null ? (own, ownSource) : (fallback.ToBudget(), BudgetSource.Default);
        return budget is null
            ? AdminJson.Ok(BudgetSpendResponse.None)
            : AdminJson.Ok(BudgetSpendResponse.From(await spend.ReadAsync(scopeId, budget, cancellationToken), source));
    }
}
