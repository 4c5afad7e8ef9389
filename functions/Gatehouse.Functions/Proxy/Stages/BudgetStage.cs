using Gatehouse.Budgets;
using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Limits;
using Gatehouse.Tokens;
using Microsoft.Extensions.Options;

namespace Gatehouse.Proxy.Stages;

/// <summary>
/// Prices the request and, when budgets apply (key, tenant, end user), reserves its worst-case cost from each before
/// the call: the counted prompt plus the most output it may produce (its own max tokens, else the model's cap from the
/// price book, else <see cref="BudgetOptions.DefaultMaxOutputTokens"/>) at the highest price among the route's
/// deployments. A reservation that does
/// not fit is refused with 429 <c>budget_exceeded</c>; <see cref="Complete"/> settles it to the real cost.
/// </summary>
internal sealed class BudgetStage(BudgetGuard guard, BudgetAlerts alerts, PriceBook prices, IOptions<GatehouseOptions> options) : IProxyStage
{
    private readonly BudgetOptions _options = options.Value.Budgets;
    private readonly EndUserScope _endUserScope = options.Value.Limits.EndUserScope;

    public async ValueTask<GatewayError?> RunAsync(ProxyContext context)
    {
        context.Price = prices.Find(context.Deployment!.Model);
        var scopes = Scopes(context);
        if (scopes.Count == 0)
        {
            return null;
        }

        // Routing picks the deployment later and may fail over, so the reservation is priced at the dearest of them.
        if (context.Price is null || prices.Highest(context.Route!.Deployments.Select(d => d.Model)) is not { } price)
        {
            return GatewayErrors.ModelNotPriced(context.ModelAlias!);
        }

        var maxOutput = TokenEstimator.MaxOutput(context.Operation, context.Body!, price.MaxOutputTokens ?? _options.DefaultMaxOutputTokens);
        var units = UsdUnits.FromUsd(CostCalculator.WorstCase(price, Metering.CountPrompt(context), maxOutput));
        var (reservation, outcome) = await guard.ReserveAsync(scopes, units, context.Aborted);
        if (reservation is not null)
        {
            alerts.Remember(scopes);
            context.Budget = reservation;
            return null;
        }

        if (outcome.StorageUnavailable)
        {
            return GatewayErrors.ServiceUnavailable("Budget checking");
        }

        var refused = scopes.First(scope => scope.ScopeId == outcome.Refused!.Check.ScopeId);
        alerts.Remember(scopes);
        _ = alerts.ExhaustedAsync(refused, outcome.Refused!.Check.Limit - outcome.Refused.Remaining, CancellationToken.None);
        return GatewayErrors.BudgetExceeded(refused.Scope, refused.Budget, outcome.Refused.Reset);
    }

    /// <summary>
    /// Settles the reservation: to the real cost when known; to nothing when no tokens can have been produced (refused
    /// before or by the provider); otherwise the reservation stands as spent.
    /// </summary>
    public static void Complete(ProxyContext context)
    {
        if (context.Budget is not { } reservation)
        {
            return;
        }

        var spent = context.CostUsd is { } cost ? UsdUnits.FromUsd(cost) : context.Usage is null && context.NothingProduced ? 0 : reservation.Units;
        reservation.Settle(spent);
    }

    /// <summary>The budgets that apply, from the key, its tenant (as the rate-limit stage read it) and the end user.</summary>
    private List<BudgetScope> Scopes(ProxyContext context)
    {
        var key = context.Key!;
        var scopes = new List<BudgetScope>(3);
        if ((key.Budget ?? _options.Key.ToBudget()) is { } keyBudget)
        {
            scopes.Add(new BudgetScope("key", ScopeIds.Key(key.Id), key.Tenant, key.Id, keyBudget));
        }

        if ((context.Tenant?.Budget ?? _options.Tenant.ToBudget()) is { } tenantBudget)
        {
            scopes.Add(new BudgetScope("tenant", ScopeIds.Tenant(key.Tenant), key.Tenant, null, tenantBudget));
        }

        if (context.EndUserScopeId is { } endUserScopeId && _options.EndUser.ToBudget() is { } userBudget)
        {
            var keyId = _endUserScope == EndUserScope.Key ? key.Id : null;
            scopes.Add(new BudgetScope("user", endUserScopeId, key.Tenant, keyId, userBudget));
        }

        return scopes;
    }
}
