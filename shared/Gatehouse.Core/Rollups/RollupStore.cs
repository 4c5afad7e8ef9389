using Azure;
using Azure.Data.Tables;
using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Rollups;

/// <summary>
/// Applies usage batches to <c>UsageRollups</c>, exactly once in effect under at-least-once delivery: per tenant
/// partition, one entity-group transaction updates every row the batch touches (conditional on the ETag read, or an
/// insert when the row is new) and inserts the batch's <c>applied|{id}</c> marker. A marker already there means the
/// batch was counted: nothing changes. A concurrent write (412, or 409 on an insert) rolls the whole transaction
/// back, and it is read and tried again, a bounded number of times; then the exception makes the queue redeliver.
/// A worker stopped between two tenants' transactions leaves the first counted and marked, so the redelivery
/// applies only the rest.
/// </summary>
/// <remarks>
/// Burst and storm alerts are handed to <see cref="AlertPublisher"/> before the transaction commits: a crash then can
/// only repeat an alert (same id, dropped downstream), while publishing after the commit could lose one, since the
/// redelivery finds the marker and does nothing. An alert still in the publisher's memory when the process dies is lost.
/// </remarks>
public sealed partial class RollupStore(
    StorageClients storage, AlertPublisher alerts, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<RollupStore> logger)
{
    /// <summary>Tries per transaction before giving up to the queue's redelivery; each retry follows a conflict.</summary>
    public const int MaxAttempts = 30;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(200);

    private readonly TableClient _table = storage.Table(TableNames.UsageRollups);

    public async Task ApplyAsync(UsageMessage message, CancellationToken cancellationToken)
    {
        var messageId = RollupPlan.MessageId(message);
        var alertOptions = options.Value.Alerts;
        foreach (var batch in RollupPlan.Build(message, alertOptions))
        {
            // Between tenants, not inside one: a transaction either committed with its marker or left nothing.
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (markerId, changes) in batch.Chunks(messageId))
            {
                await ApplyChunkAsync(batch, markerId, changes, alertOptions, cancellationToken);
            }
        }
    }

    private async Task ApplyChunkAsync(TenantBatch batch, string markerId, IReadOnlyList<RollupChange> changes, AlertOptions alertOptions, CancellationToken cancellationToken)
    {
        var markerKey = RollupRowKeys.Marker(markerId);
        for (var attempt = 1; ; attempt++)
        {
            var current = await RollupRows.ReadAsync(_table, batch.Partition, markerKey, changes, cancellationToken);
            if (current.Applied)
            {
                LogAlreadyApplied(logger, markerId, batch.Tenant);
                return;
            }

            var now = time.GetUtcNow();
            var actions = new List<TableTransactionAction>(changes.Count + 1)
            {
                new(TableTransactionActionType.Add, new RollupMarkerEntity { PartitionKey = batch.Partition, RowKey = markerKey, AppliedAt = now, Records = batch.Records }),
            };
            foreach (var change in changes)
            {
                actions.Add(change switch
                {
                    RollupRowChange row => RollupRows.Update(batch, row, current.Rows.GetValueOrDefault(row.RowKey)),
                    BurstChange burst => Count(batch, burst, current.Bursts.GetValueOrDefault(burst.RowKey), alertOptions, now),
                    _ => throw new InvalidOperationException($"Unknown rollup change {change.GetType().Name}."),
                });
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                LogApplied(logger, markerId, batch.Tenant, changes.Count);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                LogConflict(logger, markerId, batch.Tenant, attempt);
                await Task.Delay(Backoff(attempt), time, cancellationToken);
            }
        }
    }

    /// <summary>The counter's update, publishing the alert when this change takes it across its threshold.</summary>
    private TableTransactionAction Count(TenantBatch batch, BurstChange burst, BurstCounterEntity? row, AlertOptions alertOptions, DateTimeOffset now)
    {
        if (BurstAlerts.Crossing(batch.Tenant, burst, row?.Count ?? 0, alertOptions, now) is { } alert)
        {
            alerts.TryPublish(alert);
            LogBurst(logger, alert.Id);
        }

        return RollupRows.Update(batch, burst, row);
    }

    /// <summary>Full jitter, growing with the attempt: workers that collided spread out instead of colliding again.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(MaxBackoff.TotalMilliseconds, 5 * attempt));

    [LoggerMessage(EventId = 9401, Level = LogLevel.Debug, Message = "Usage batch {MarkerId} applied to tenant {Tenant} ({Rows} rows)")]
    private static partial void LogApplied(ILogger logger, string markerId, string tenant, int rows);

    [LoggerMessage(EventId = 9402, Level = LogLevel.Information, Message = "Usage batch {MarkerId} was already applied to tenant {Tenant}; skipped")]
    private static partial void LogAlreadyApplied(ILogger logger, string markerId, string tenant);

    [LoggerMessage(EventId = 9403, Level = LogLevel.Debug, Message = "Usage batch {MarkerId} met a concurrent update in tenant {Tenant} (attempt {Attempt}); retrying")]
    private static partial void LogConflict(ILogger logger, string markerId, string tenant, int attempt);

    [LoggerMessage(EventId = 9404, Level = LogLevel.Warning, Message = "Alert {AlertId} raised by the usage rollup")]
    private static partial void LogBurst(ILogger logger, string alertId);
}
