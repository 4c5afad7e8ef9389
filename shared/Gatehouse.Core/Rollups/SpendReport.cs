using Azure.Data.Tables;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Rollups;

/// <summary>
/// A tenant's spend over the last N UTC days (today included), read from the day rows of <c>UsageRollups</c> (one
/// range query on the tenant's partition) and added up per day, key or model alias. Percentiles come from the summed
/// latency buckets, so they hold for the whole line, not an average of averages.
/// </summary>
public sealed class SpendReport(StorageClients storage, TimeProvider time)
{
    public const int MaxDays = 93;

    private readonly TableClient _table = storage.Table(TableNames.UsageRollups);

    public async Task<SpendSummary> ReadAsync(string tenant, int days, SpendGrouping by, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var to = RollupPlan.WindowStart(time.GetUtcNow(), TimeSpan.FromDays(1)).AddDays(1);
        var from = to.AddDays(-days);
        var first = $"{RollupRowKeys.Day}|{RollupRowKeys.DayId(from)}";
        var end = $"{RollupRowKeys.Day}|{RollupRowKeys.DayId(to)}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RollupRowKeys.Partition(tenant)} and RowKey ge {first} and RowKey lt {end}");

        var lines = new Dictionary<(DateOnly?, string?, string?), RollupCounts>();
        var total = new RollupCounts();
        await foreach (var row in _table.QueryAsync<RollupEntity>(filter, cancellationToken: cancellationToken))
        {
            var counts = row.Counts();
            total.Add(counts);
            var line = LineOf(row, by);
            if (!lines.TryGetValue(line, out var sum))
            {
                lines[line] = sum = new RollupCounts();
            }

            sum.Add(counts);
        }

        List<SpendLine> rows = [.. lines
            .Select(l => new SpendLine(l.Key.Item1, l.Key.Item2, l.Key.Item3, l.Value))
            .OrderBy(l => l.Day)
            .ThenBy(l => l.KeyId, StringComparer.Ordinal)
            .ThenBy(l => l.Model, StringComparer.Ordinal)];
        return new SpendSummary(tenant, from, to, rows, total);
    }

    private static (DateOnly?, string?, string?) LineOf(RollupEntity row, SpendGrouping by)
    {
        var day = DateOnly.FromDateTime(row.Start.UtcDateTime);
        return by switch
        {
            SpendGrouping.Day => (day, null, null),
            SpendGrouping.Key => (null, row.KeyId, null),
            SpendGrouping.Model => (null, null, row.Model),
            _ => (day, row.KeyId, row.Model),
        };
    }
}
