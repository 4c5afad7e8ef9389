using Azure.Data.Tables;
using Gatehouse.Limits;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Budgets;

/// <summary>Reads a scope's spend in its current budget period from <c>RateCounters</c>, for the admin API.</summary>
public sealed class BudgetSpendStore(StorageClients storage, TimeProvider time)
{
    private readonly TableClient _table = storage.Table(TableNames.RateCounters);

    /// <param name="scopeId">The counter partition: <c>key:{id}</c> or <c>tenant:{id}</c>.</param>
    public async Task<BudgetSpend> ReadAsync(string scopeId, Budget budget, CancellationToken cancellationToken)
    {
        var window = LimitWindow.At(BudgetCounter.Window(budget.Period), time.GetUtcNow());
        var row = await _table.GetEntityIfExistsAsync<RateCounterEntity>(
            scopeId, $"{BudgetCounter.Name(budget.Period)}-{window.Id}", [nameof(RateCounterEntity.Spent)], cancellationToken);
        var spent = row.HasValue ? UsdUnits.ToUsd(row.Value!.Spent) : 0m;
        return new BudgetSpend(budget, spent, window.Start, window.End);
    }
}
