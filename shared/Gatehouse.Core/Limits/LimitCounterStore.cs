using Azure;
using Azure.Data.Tables;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Limits;

/// <summary>
/// The shared window counters in <c>RateCounters</c>. An instance never writes per request: it takes a lease of
/// several units at once, and the row only records how much has been handed out, so no two instances can together
/// hand out more than the limit.
/// </summary>
public sealed class LimitCounterStore(StorageClients storage)
{
    private const int MaxAttempts = 8;
    private readonly TableClient _table = storage.Table(TableNames.RateCounters);

    /// <summary>Takes up to <paramref name="wanted"/> units of the window's <paramref name="limit"/>; 0 when it is spent.</summary>
    public async Task<Lease> TakeAsync(string scope, string counter, LimitWindow window, long limit, long wanted, CancellationToken cancellationToken)
    {
        var rowKey = $"{counter}-{window.Id}";
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await _table.GetEntityIfExistsAsync<RateCounterEntity>(scope, rowKey, cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                var first = Math.Min(wanted, limit);
                try
                {
                    await _table.AddEntityAsync(new RateCounterEntity { PartitionKey = scope, RowKey = rowKey, Granted = first, WindowEnd = window.End }, cancellationToken);
                    return new Lease(first, first);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    continue; // another instance opened the window first
                }
            }

            var entity = row.Value!;
            var granted = Math.Min(wanted, limit - entity.Granted);
            if (granted <= 0)
            {
                return new Lease(0, entity.Granted);
            }

            entity.Granted += granted;
            try
            {
                await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return new Lease(granted, entity.Granted);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Lost the race to another instance's lease; read the new total and try again.
            }
        }

        throw new RequestFailedException(409, $"The rate counter {scope}/{rowKey} is too contended; try again.");
    }
}

/// <summary>What a lease gave this instance, and the window's total handed out so far (across instances).</summary>
public readonly record struct Lease(long Granted, long TotalGranted);
