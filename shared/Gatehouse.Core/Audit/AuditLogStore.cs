using Azure.Data.Tables;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Audit;

/// <summary>
/// Writes audit events to the <c>AuditLog</c> table: partition = tenant + UTC day, RowKey = request id, each
/// partition a hash chain in write order (<see cref="AuditChainAppender"/>). Idempotent on request id, so a
/// redelivered or replayed batch never duplicates a record.
/// </summary>
public sealed partial class AuditLogStore(StorageClients storage, AuditChain chain, AuditBodyStorage bodies, TimeProvider time, ILogger<AuditLogStore> logger)
{
    /// <summary>Appends to one partition from this process run one at a time: they would only collide on the head.</summary>
    private const int Stripes = 64;

    private readonly TableClient _table = storage.Table(TableNames.AuditLog);
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// Stores every event; safe to call again with the same events (redelivery). An event whose request id cannot be
    /// a table key (the gateway never makes one) is not stored: the rest are, then this throws, so the message ends in
    /// the poison queue.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var unusable = events.Count(e => !Usable(e));
        foreach (var partition in events.Where(Usable).GroupBy(e => AuditLogEntity.PartitionFor(e.Tenant, e.Time), StringComparer.Ordinal))
        {
            var records = new List<AuditLogEntity>();
            foreach (var auditEvent in partition.DistinctBy(e => e.RequestId, StringComparer.Ordinal))
            {
                var record = AuditLogRow.From(auditEvent);
                await bodies.AttachAsync(record, auditEvent.Body, cancellationToken);
                records.Add(record);
            }

            await AppendAsync(partition.Key, records, cancellationToken);
        }

        if (unusable > 0)
        {
            LogUnusable(logger, unusable);
            throw new InvalidDataException($"{unusable} audit event(s) have a request id that cannot be a table key; the others were stored.");
        }
    }

    public async Task<AuditLogEntity?> FindAsync(string? tenant, DateTimeOffset day, string requestId, CancellationToken cancellationToken)
    {
        if (!AuditLogEntity.IsKey(requestId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<AuditLogEntity>(AuditLogEntity.PartitionFor(tenant, day), requestId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private async Task AppendAsync(string partition, List<AuditLogEntity> records, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(partition) % Stripes];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            await new AuditChainAppender(_table, chain, time, logger).AppendAsync(partition, records, cancellationToken);
        }
        finally
        {
            stripe.Release();
        }
    }

    private static bool Usable(AuditEvent e) => AuditLogEntity.IsKey(e.RequestId);

    [LoggerMessage(EventId = 9402, Level = LogLevel.Error, Message = "{Count} audit event(s) not stored: request id unusable as a table key")]
    private static partial void LogUnusable(ILogger logger, int count);
}
