namespace Gatehouse.Budgets;

/// <summary>How long a budget lasts before it starts again: a UTC calendar day or month.</summary>
public enum BudgetPeriod
{
    Day,
    Month,
}
