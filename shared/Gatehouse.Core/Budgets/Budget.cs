using System.Globalization;

namespace Gatehouse.Budgets;

/// <summary>A spending cap on one scope (key, tenant or end user): at most <see cref="Usd"/> per UTC day or month.</summary>
public sealed record Budget(decimal Usd, BudgetPeriod Period)
{
    /// <summary>The largest budget accepted: far above any real one, and small enough to count in nano-dollars.</summary>
    public const decimal MaxUsd = 1_000_000_000m;

    public static bool IsValidAmount(decimal usd) => usd > 0 && usd <= MaxUsd;

    /// <summary>Lower-case, as the admin API and config write it: <c>day</c> or <c>month</c>.</summary>
    public static string PeriodName(BudgetPeriod period) => period == BudgetPeriod.Day ? "day" : "month";

    public static bool TryParsePeriod(string? text, out BudgetPeriod period)
    {
        switch (text)
        {
            case "day":
                period = BudgetPeriod.Day;
                return true;
            case "month":
                period = BudgetPeriod.Month;
                return true;
            default:
                period = default;
                return false;
        }
    }

    public override string ToString() => $"${Usd.ToString("0.00####", CultureInfo.InvariantCulture)} per {PeriodName(Period)}";
}
