using Azure.Data.Tables;
using Gatehouse.Budgets;
using Gatehouse.Limits;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>Budget counters in <c>RateCounters</c>, read or written straight, as instances report settled spend there.</summary>
public static class BudgetCounterRows
{
    /// <summary>What the shared counter says <paramref name="scope"/> spent in the current period, as instances reported it.</summary>
    public static async Task<decimal> SpentAsync(string scope, BudgetPeriod period = BudgetPeriod.Day)
    {
        var counters = new TableClient(TestStorage.ConnectionString, TableNames.RateCounters);
        var window = LimitWindow.At(BudgetCounter.Window(period), TimeProvider.System.GetUtcNow());
        var row = await counters.GetEntityIfExistsAsync<RateCounterEntity>(scope, $"{BudgetCounter.Name(period)}-{window.Id}");
        return row.HasValue ? UsdUnits.ToUsd(row.Value!.Spent) : 0m;
    }

    /// <summary>
    /// Records <paramref name="usd"/> as spent by <paramref name="scope"/> (<c>key:{id}</c>, <c>tenant:{id}</c>) in the
    /// period that holds now, and in the next one too, so a read that lands just after a boundary still finds it.
    /// Returns the windows written; the caller checks the answer against whichever the gateway read.
    /// </summary>
    public static async Task<IReadOnlyList<LimitWindow>> ReportAsync(string scope, BudgetPeriod period, decimal usd)
    {
        var counters = new TableClient(TestStorage.ConnectionString, TableNames.RateCounters);
        var now = TimeProvider.System.GetUtcNow();
        LimitWindow[] windows = [.. new[] { now, now.AddMinutes(1) }.Select(at => LimitWindow.At(BudgetCounter.Window(period), at)).Distinct()];
        foreach (var window in windows)
        {
            await counters.UpsertEntityAsync(new RateCounterEntity
            {
                PartitionKey = scope,
                RowKey = $"{BudgetCounter.Name(period)}-{window.Id}",
                Spent = UsdUnits.FromUsd(usd),
                WindowEnd = window.End,
            });
        }

        return windows;
    }
}
