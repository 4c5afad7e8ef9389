using System.Globalization;
using Gatehouse.Budgets;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// The two budget columns that key and tenant rows carry. Table Storage has no decimal type, so the amount is an
/// invariant-culture decimal string (a double would not hold every amount exactly) and the period its lower-case name.
/// </summary>
public interface IBudgetColumns
{
    /// <summary>USD per period, e.g. <c>50</c> or <c>12.5</c>; null = no budget of its own (the configured default applies).</summary>
    string? BudgetUsd { get; set; }

    /// <summary><c>day</c> or <c>month</c>.</summary>
    string? BudgetPeriod { get; set; }
}

public static class BudgetColumns
{
    // Every digit a decimal can hold, and no trailing zeros: 50.10 is stored as "50.1".
    private const string AmountFormat = "0.############################";

    /// <summary>The row's budget; null when it has none, or when the columns do not read as one.</summary>
    public static Budget? ReadBudget(this IBudgetColumns row) =>
        row.BudgetUsd is { } text
        && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd)
        && Budget.IsValidAmount(usd)
        && Budget.TryParsePeriod(row.BudgetPeriod, out var period)
            ? new Budget(usd, period)
            : null;

    public static void WriteBudget(this IBudgetColumns row, Budget? budget)
    {
        row.BudgetUsd = budget?.Usd.ToString(AmountFormat, CultureInfo.InvariantCulture);
        row.BudgetPeriod = budget is null ? null : Budget.PeriodName(budget.Period);
    }
}
