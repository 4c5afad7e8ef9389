using Azure;
using Azure.Data.Tables;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Alerts;

/// <summary>
/// The <c>Alerts</c> table: one row per alert id (insert if absent, so redelivery and repeated sends of the same
/// alert keep one row) and the per-webhook delivery state on it, updated with ETags so concurrent deliveries merge.
/// </summary>
public sealed class AlertStore(StorageClients storage, TimeProvider time)
{
    public const int MaxListed = 1000;

    /// <summary>Bounds the memory of one listing; the table holds one row per alert and window, so this is far off.</summary>
    private const int MaxScanned = 20_000;
    private const int MaxConcurrencyRetries = 8;

    /// <summary>Month-long budget windows put a row on the month's first day; a listing looks back this far for them.</summary>
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(31);

    private readonly TableClient _table = storage.Table(TableNames.Alerts);

    /// <summary>The alert's row, written now if it was not there; the bool says whether this call wrote it.</summary>
    public async Task<(AlertEntity Row, bool Created)> AddIfAbsentAsync(AlertMessage alert, CancellationToken cancellationToken)
    {
        var row = AlertEntity.From(alert, time.GetUtcNow());
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return (row, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return ((await _table.GetEntityAsync<AlertEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken)).Value, false);
        }
    }

    public async Task<AlertEntity?> GetAsync(AlertMessage alert, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<AlertEntity>(AlertEntity.PartitionFor(alert), AlertEntity.RowKeyFor(alert.Id), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Adds the outcomes of one delivery to the row's state (read, merge, write if unchanged since; else again).</summary>
    public async Task RecordAsync(AlertMessage alert, IReadOnlyList<WebhookDelivery> outcomes, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = (await _table.GetEntityAsync<AlertEntity>(AlertEntity.PartitionFor(alert), AlertEntity.RowKeyFor(alert.Id), cancellationToken: cancellationToken)).Value;
            var states = AlertDeliveryState.Parse(row.Deliveries);
            var now = time.GetUtcNow();
            foreach (var outcome in outcomes)
            {
                states[outcome.Webhook] = AlertDeliveryState.Merge(states.GetValueOrDefault(outcome.Webhook), outcome, now);
            }

            row.Deliveries = AlertDeliveryState.Write(states);
            try
            {
                await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxConcurrencyRetries)
            {
                // Another delivery of the same alert wrote in between: merge into its state.
            }
        }
    }

    /// <summary>Alerts whose time is at or after <paramref name="since"/>, newest first, at most <see cref="MaxListed"/>.</summary>
    public async Task<IReadOnlyList<AlertEntity>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var floor = (since - LongestWindow).UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<AlertEntity>();
        await foreach (var row in _table.QueryAsync<AlertEntity>(e => e.PartitionKey.CompareTo(floor) >= 0 && e.Time >= since, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count >= MaxScanned)
            {
                break;
            }
        }

        return [.. rows.OrderByDescending(r => r.Time).ThenBy(r => r.Id, StringComparer.Ordinal).Take(MaxListed)];
    }
}
