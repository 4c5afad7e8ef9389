namespace Gatehouse.Budgets;

/// <summary>
/// One scope's budget in its current period, as the shared counter knows it: what was spent (settled real costs,
/// reported by each instance within <see cref="BudgetOptions.FlushInterval"/>), and what is left.
/// </summary>
public sealed record BudgetSpend(Budget Budget, decimal SpentUsd, DateTimeOffset PeriodStart, DateTimeOffset ResetsAt)
{
    public decimal RemainingUsd => Math.Max(0, Budget.Usd - SpentUsd);
}
