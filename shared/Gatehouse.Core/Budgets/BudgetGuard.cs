using Gatehouse.Configuration;
using Gatehouse.Limits;
using Microsoft.Extensions.Options;

namespace Gatehouse.Budgets;

/// <summary>
/// Budgets on the limiter's shared counters: a request reserves its worst-case cost (in nano-dollars) from every budget
/// that applies before the call, and settles to the real cost after it. Leased reservations never pass a budget while
/// storage answers, so spend stops at the budget rather than after it.
/// </summary>
public sealed class BudgetGuard(RateLimiter limiter, IOptions<GatehouseOptions> options)
{
    private readonly BudgetOptions _options = options.Value.Budgets;

    /// <summary>Reserves <paramref name="units"/> from every scope's budget, or from none.</summary>
    public async ValueTask<(BudgetReservation? Reservation, LimitOutcome Outcome)> ReserveAsync(
        IReadOnlyList<BudgetScope> scopes, long units, CancellationToken cancellationToken)
    {
        var outcome = await limiter.AcquireAsync(Checks(scopes, units), cancellationToken);
        return (outcome.Admitted ? new BudgetReservation(scopes, outcome, units) : null, outcome);
    }

    /// <summary>Reserves <paramref name="units"/> more for a request under way (a stream running past its reservation).</summary>
    public async ValueTask<LimitOutcome> ExtendAsync(BudgetReservation reservation, long units, CancellationToken cancellationToken)
    {
        var outcome = await limiter.AcquireAsync(Checks(reservation.Scopes, units), cancellationToken);
        if (outcome.Admitted)
        {
            reservation.Add(outcome, units);
        }

        return outcome;
    }

    private List<LimitCheck> Checks(IReadOnlyList<BudgetScope> scopes, long units) =>
        [.. scopes.Select(scope => new LimitCheck(
            scope.Scope,
            scope.ScopeId,
            BudgetCounter.Name(scope.Budget.Period),
            BudgetCounter.Window(scope.Budget.Period),
            UsdUnits.FromUsd(scope.Budget.Usd),
            units) { LeaseFraction = _options.LeaseFraction })];
}
