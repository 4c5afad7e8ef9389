using Azure.Data.Tables;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Rollups;

/// <summary>Reads the rows a transaction is about to change, and builds each row's conditional write.</summary>
internal static class RollupRows
{
    /// <summary>The marker, and the current version (with its ETag) of every row that exists, read in parallel.</summary>
    public static async Task<CurrentRows> ReadAsync(TableClient table, string partition, string markerKey, IReadOnlyList<RollupChange> changes, CancellationToken cancellationToken)
    {
        var marker = table.GetEntityIfExistsAsync<RollupMarkerEntity>(partition, markerKey, [nameof(ITableEntity.RowKey)], cancellationToken);
        var rows = changes.OfType<RollupRowChange>()
            .Select(c => table.GetEntityIfExistsAsync<RollupEntity>(partition, c.RowKey, cancellationToken: cancellationToken)).ToList();
        var bursts = changes.OfType<BurstChange>()
            .Select(c => table.GetEntityIfExistsAsync<BurstCounterEntity>(partition, c.RowKey, cancellationToken: cancellationToken)).ToList();
        await Task.WhenAll([marker, .. rows, .. bursts]);
        return new CurrentRows(
            (await marker).HasValue,
            rows.Select(r => r.Result).Where(r => r.HasValue).ToDictionary(r => r.Value!.RowKey, r => r.Value!, StringComparer.Ordinal),
            bursts.Select(r => r.Result).Where(r => r.HasValue).ToDictionary(r => r.Value!.RowKey, r => r.Value!, StringComparer.Ordinal));
    }

    /// <summary>The row with the change added: replace if unchanged since read (ETag), or insert if it was absent.</summary>
    public static TableTransactionAction Update(TenantBatch batch, RollupRowChange change, RollupEntity? row)
    {
        if (row is null)
        {
            var created = new RollupEntity
            {
                PartitionKey = batch.Partition,
                RowKey = change.RowKey,
                Tenant = batch.Tenant,
                Period = change.Period,
                Start = change.Start,
                KeyId = change.KeyId,
                Model = change.Model,
            };
            created.Set(change.Delta);
            return new TableTransactionAction(TableTransactionActionType.Add, created);
        }

        var counts = row.Counts();
        counts.Add(change.Delta);
        row.Set(counts);
        return new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag);
    }

    public static TableTransactionAction Update(TenantBatch batch, BurstChange change, BurstCounterEntity? row)
    {
        if (row is null)
        {
            return new TableTransactionAction(TableTransactionActionType.Add, new BurstCounterEntity
            {
                PartitionKey = batch.Partition,
                RowKey = change.RowKey,
                Kind = change.Kind,
                Subject = change.Subject,
                WindowStart = change.WindowStart,
                Count = change.Delta,
            });
        }

        row.Count += change.Delta;
        return new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag);
    }
}
