using Azure;
using Azure.Data.Tables;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Limits;

/// <summary>
/// The shared window counters in <c>RateCounters</c>. An instance never writes per request: it takes a lease of
/// several units at once, and the row only records how much has been handed out, so no two instances can together
/// hand out more than the limit. Writes are conditional (ETag); losing a race is not a failure, it is retried.
/// </summary>
public sealed class LimitCounterStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.RateCounters);

    /// <summary>
    /// Records <paramref name="debt"/> (units already used beyond earlier leases) and <paramref name="spend"/> (budget
    /// counters: real cost settled since the last write), and takes up to <paramref name="wanted"/> more of the window's
    /// <paramref name="limit"/>; the lease is 0 once the window is spent. Retries lost races until
    /// <paramref name="cancellationToken"/> ends the attempt.
    /// </summary>
    public async Task<Lease> TakeAsync(string scope, string counter, LimitWindow window, long limit, long wanted, long debt, long spend, CancellationToken cancellationToken)
    {
        var rowKey = $"{counter}-{window.Id}";
        for (var attempt = 1; ; attempt++)
        {
            LimitMetrics.CountStorage("read");
            var row = await _table.GetEntityIfExistsAsync<RateCounterEntity>(scope, rowKey, cancellationToken: cancellationToken);
            var entity = row.HasValue ? row.Value! : new RateCounterEntity { PartitionKey = scope, RowKey = rowKey, WindowEnd = window.End };
            var recorded = Math.Min(limit, entity.Granted + debt);
            var granted = Math.Max(0, Math.Min(wanted, limit - recorded));
            if (row.HasValue && recorded + granted == entity.Granted && spend == 0)
            {
                return new Lease(0, entity.Granted, entity.Spent); // spent, and nothing to record
            }

            entity.Granted = recorded + granted;
            entity.Spent += spend;
            try
            {
                if (row.HasValue)
                {
                    LimitMetrics.CountStorage("update");
                    await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    LimitMetrics.CountStorage("insert");
                    await _table.AddEntityAsync(entity, cancellationToken);
                }

                return new Lease(granted, entity.Granted, entity.Spent);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance wrote first: read its total and try again, after a short random pause so that
                // the same instances do not collide again in lockstep.
                LimitMetrics.CountStorage("conflict");
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 8)), cancellationToken);
            }
        }
    }
}

/// <summary>What a lease gave this instance, the window's total handed out so far, and (budgets) its total spend as reported.</summary>
public readonly record struct Lease(long Granted, long TotalGranted, long TotalSpent = 0);
