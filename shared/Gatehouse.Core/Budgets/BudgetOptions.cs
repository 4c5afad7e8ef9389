using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Budgets;

/// <summary><c>Gatehouse:Budgets</c>: default budgets per scope, alert thresholds, and how spend is shared across instances.</summary>
public sealed class BudgetOptions
{
    // Each default is its own instance: the configuration binder writes into these.

    /// <summary>Applies to every key that sets no budget of its own.</summary>
    public BudgetSetting Key { get; set; } = new();

    /// <summary>Applies to every tenant (all its keys together) that sets no budget of its own.</summary>
    public BudgetSetting Tenant { get; set; } = new();

    /// <summary>Applies to each end user, within the key or tenant as <c>Gatehouse:Limits:EndUserScope</c> says.</summary>
    public BudgetSetting EndUser { get; set; } = new();

    /// <summary>Percentages of a budget whose crossing sends one alert per budget period.</summary>
    public List<int> AlertThresholds { get; set; } = [50, 80, 100];

    /// <summary>
    /// Each instance reserves budget from the shared counter in leases of this fraction of the budget. Spend never
    /// passes the budget; near its end, at most instances × lease may go unused in the period.
    /// </summary>
    [Range(0.001, 0.5)]
    public double LeaseFraction { get; set; } = 0.01;

    /// <summary>How often each instance reports the spend it settled to the shared counter (what the admin API reads).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Output tokens reserved for a request that sets no <c>max_completion_tokens</c>/<c>max_tokens</c>, when the
    /// price book does not know the model's own maximum either. A stream that goes past it reserves more as it goes.
    /// </summary>
    [Range(1, 1_000_000)]
    public int DefaultMaxOutputTokens { get; set; } = 4096;
}

/// <summary>A budget as config writes it: <c>{"Usd": 50, "Period": "Month"}</c>; no <c>Usd</c> means no budget.</summary>
public sealed class BudgetSetting
{
    [Range(typeof(decimal), "0.000001", "1000000000")]
    public decimal? Usd { get; set; }

    public BudgetPeriod Period { get; set; } = BudgetPeriod.Month;

    public Budget? ToBudget() => Usd is { } usd ? new Budget(usd, Period) : null;
}
