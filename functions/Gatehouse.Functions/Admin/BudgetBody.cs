using System.Text.Json.Nodes;
using Gatehouse.Budgets;

namespace Gatehouse.Admin;

/// <summary>
/// <c>"budget": {"usd": 50, "period": "day"|"month"}</c> in a request body, checked by <see cref="KeyFieldRules.Budget"/>.
/// The period binds as a string so that an unknown one gets <c>invalid_value</c> naming it, not a type error.
/// A budget is set whole: both members every time.
/// </summary>
internal sealed record BudgetBody(decimal? Usd, string? Period)
{
    public const string Field = "budget";

    /// <summary>Cents are too coarse for per-key test budgets; a millionth of a dollar is as fine as a price gets.</summary>
    public const int MaxDecimals = 6;

    /// <summary>For a body that passed <see cref="KeyFieldRules.Budget"/>.</summary>
    public Budget ToBudget() => Budget.TryParsePeriod(Period, out var period) && Usd is { } usd
        ? new Budget(usd, period)
        : throw new InvalidOperationException("A budget body is turned into a budget only after KeyFieldRules.Budget passed it.");

    /// <summary>
    /// On PATCH: <c>"budget": {...}</c> replaces the budget, <c>"budget": null</c> removes it (the default applies
    /// again), and without <c>"budget"</c> the current one stays.
    /// </summary>
    public static Budget? Patch(Budget? current, BudgetBody? body, JsonObject raw) =>
        raw.ContainsKey(Field) ? body?.ToBudget() : current;
}
