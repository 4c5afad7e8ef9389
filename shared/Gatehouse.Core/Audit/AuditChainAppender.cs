using Azure;
using Azure.Data.Tables;
using Gatehouse.Storage.Entities;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Audit;

/// <summary>
/// Appends records to one partition's chain. Each step is one entity-group transaction: the next records (Seq, PrevHash,
/// Hash) plus the head row, replaced on the ETag just read. So two writers can never both extend the same head: the
/// loser gets 412 (or 409 on a head both tried to create), re-reads the head and tries again. A 409 on a record means
/// its request id is already stored (a redelivery): those are dropped, never written twice.
/// </summary>
internal sealed partial class AuditChainAppender(TableClient table, AuditChain chain, TimeProvider time, ILogger logger)
{
    /// <summary>The service allows 100 operations per transaction; one is the head.</summary>
    public const int MaxRecordsPerTransaction = 99;

    /// <summary>The service allows 4 MiB per transaction; estimates are rough, so keep a margin.</summary>
    public const int MaxTransactionBytes = 3 * 1024 * 1024;

    /// <summary>Conflicts (other writers, redeliveries) tolerated per call before giving up so the queue redelivers.</summary>
    public const int MaxConflicts = 24;

    private const int RowKeysPerQuery = 14; // the service allows 15 comparisons per filter; one is the partition

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(400);

    public async Task AppendAsync(string partition, IReadOnlyList<AuditLogEntity> records, CancellationToken cancellationToken)
    {
        var pending = records.ToList();
        var conflicts = 0;
        var checkExisting = false;
        while (pending.Count > 0)
        {
            if (checkExisting)
            {
                await DropStoredAsync(partition, pending, cancellationToken);
                checkExisting = false;
                if (pending.Count == 0)
                {
                    return;
                }
            }

            var stored = await table.GetEntityIfExistsAsync<AuditChainHeadEntity>(partition, AuditChainHeadEntity.Key, cancellationToken: cancellationToken);
            var head = stored.HasValue ? stored.Value : null;
            var (actions, count) = Build(partition, head, pending);
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                pending.RemoveRange(0, count);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                var duplicate = e.Status == 409 && ((e as TableTransactionFailedException)?.FailedTransactionActionIndex is not { } index || index < count);
                checkExisting |= e.Status == 409;
                if (++conflicts > MaxConflicts)
                {
                    LogGaveUp(logger, partition, conflicts);
                    throw new InvalidOperationException($"AuditLog partition {partition}: still conflicting after {conflicts} attempts; the message will be retried.", e);
                }

                if (!duplicate)
                {
                    // Full jitter, so writers that collided do not collide again in step.
                    var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 10 * Math.Pow(2, Math.Min(conflicts, 10)));
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), time, cancellationToken);
                }
            }
        }
    }

    private (List<TableTransactionAction> Actions, int Count) Build(string partition, AuditChainHeadEntity? head, List<AuditLogEntity> pending)
    {
        var seq = head?.Seq ?? 0;
        var prev = seq == 0 ? AuditChain.Genesis : head!.Hash;
        var actions = new List<TableTransactionAction>();
        var bytes = 0;
        foreach (var record in pending)
        {
            record.Seq = seq + 1;
            record.PrevHash = prev;
            record.Hash = "";
            var row = AuditLogRow.ToTableEntity(record);
            bytes += AuditLogRow.EstimatedBytes(row);
            if (actions.Count == MaxRecordsPerTransaction || (actions.Count > 0 && bytes > MaxTransactionBytes))
            {
                break;
            }

            row[nameof(AuditLogEntity.Hash)] = record.Hash = chain.Link(prev, row);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
            (seq, prev) = (record.Seq, record.Hash);
        }

        var next = new AuditChainHeadEntity { PartitionKey = partition, Seq = seq, Hash = prev };
        actions.Add(head is null
            ? new TableTransactionAction(TableTransactionActionType.Add, next)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, head.ETag));
        return (actions, actions.Count - 1);
    }

    /// <summary>Removes from <paramref name="pending"/> the request ids the partition already holds.</summary>
    private async Task DropStoredAsync(string partition, List<AuditLogEntity> pending, CancellationToken cancellationToken)
    {
        var queries = pending.Chunk(RowKeysPerQuery).Select(async chunk =>
        {
            var filter = $"PartitionKey eq '{Escape(partition)}' and ({string.Join(" or ", chunk.Select(r => $"RowKey eq '{Escape(r.RowKey)}'"))})";
            var found = new List<string>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                found.Add(row.RowKey);
            }

            return found;
        });
        var stored = (await Task.WhenAll(queries)).SelectMany(f => f).ToHashSet(StringComparer.Ordinal);
        pending.RemoveAll(r => stored.Contains(r.RowKey));
    }

    private static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    [LoggerMessage(EventId = 9401, Level = LogLevel.Warning, Message = "AuditLog partition {Partition}: gave up after {Conflicts} conflicting writes; the message will be retried")]
    private static partial void LogGaveUp(ILogger logger, string partition, int conflicts);
}
