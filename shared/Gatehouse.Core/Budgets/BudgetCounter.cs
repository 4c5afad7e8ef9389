using Gatehouse.Limits;

namespace Gatehouse.Budgets;

/// <summary>Where a budget is counted: a <c>RateCounters</c> counter in nano-dollars, named for its period.</summary>
public static class BudgetCounter
{
    public const string Day = "usd-day";
    public const string Month = "usd-month";

    public static string Name(BudgetPeriod period) => period == BudgetPeriod.Day ? Day : Month;

    public static LimitPeriod Window(BudgetPeriod period) => period == BudgetPeriod.Day ? LimitPeriod.Day : LimitPeriod.Month;

    public static bool IsBudget(string counterName) => counterName is Day or Month;
}
