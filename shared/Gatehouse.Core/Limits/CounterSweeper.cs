using Azure;
using Azure.Data.Tables;
using Gatehouse.Configuration;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Limits;

/// <summary>
/// Deletes <c>RateCounters</c> rows whose window ended more than <see cref="LimitOptions.SweepGrace"/> ago; without
/// it the table keeps one row per scope per window forever. Every instance sweeps, each on its own jittered
/// schedule: deletes are idempotent, so no leader is needed, and the jitter keeps instances from all scanning at once.
/// </summary>
public sealed partial class CounterSweeper(StorageClients storage, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<CounterSweeper> logger) : BackgroundService
{
    private const int MaxBatch = 100; // a table transaction's limit; all its rows must share a partition
    private static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];
    private readonly TableClient _table = storage.Table(TableNames.RateCounters);
    private readonly LimitOptions _options = options.Value.Limits;
    private DateTimeOffset _nextSweep;

    /// <summary>One sweep; returns how many rows it deleted (rows another instance deleted first are not counted).</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - _options.SweepGrace;
        var filter = TableClient.CreateQueryFilter($"WindowEnd lt {cutoff}");
        var deleted = 0;

        // Page by page, so memory stays flat however many rows piled up. Deleting rows already returned does not
        // disturb the continuation, which names the next row to read.
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, select: KeyColumns, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var partition in page.Values.GroupBy(row => row.PartitionKey, StringComparer.Ordinal))
            {
                foreach (var batch in partition.Chunk(MaxBatch))
                {
                    deleted += await DeleteAsync(batch, cancellationToken);
                }
            }
        }

        return deleted;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The schedule is anchored here, not in ExecuteAsync, which the host starts later on the thread pool.
        _nextSweep = time.GetUtcNow() + NextDelay();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = _nextSweep - time.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
                _nextSweep = time.GetUtcNow() + NextDelay();
                var deleted = await SweepOnceAsync(stoppingToken);
                LogSwept(logger, deleted);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever went wrong, the next sweep tries again: a failed clean-up must never stop the host.
                LogSweepFailed(logger, e.GetType().Name, (e as RequestFailedException)?.Status ?? 0);
            }
        }
    }

    /// <summary>The interval plus up to a quarter of it again, drawn afresh each time.</summary>
    private TimeSpan NextDelay() => _options.SweepInterval * (1 + (Random.Shared.NextDouble() / 4));

    private async Task<int> DeleteAsync(TableEntity[] rows, CancellationToken cancellationToken)
    {
        if (rows.Length > 1)
        {
            try
            {
                await _table.SubmitTransactionAsync(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken);
                return rows.Length;
            }
            catch (TableTransactionFailedException)
            {
                // A batch is all or nothing: one row already gone (another instance swept it) fails the rest. Go row by row.
            }
        }

        var deleted = 0;
        foreach (var row in rows)
        {
            try
            {
                var response = await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                deleted += response.Status == 404 ? 0 : 1;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Already gone: that is the goal.
            }
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} ended rate-counter rows.")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping ended rate-counter rows failed ({Error}, status {Status}); the next sweep tries again.")]
    private static partial void LogSweepFailed(ILogger logger, string error, int status);
}
