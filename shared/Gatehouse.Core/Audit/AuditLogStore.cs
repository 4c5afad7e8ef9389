using System.Text.Json;
using Azure.Data.Tables;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Audit;

/// <summary>Writes audit events to the <c>AuditLog</c> table; an upsert keyed by request id, so redelivery is harmless.</summary>
public sealed class AuditLogStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.AuditLog);

    /// <summary>Stores every event; safe to call again with the same events (redelivery).</summary>
    public async Task WriteAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        foreach (var auditEvent in events)
        {
            await WriteAsync(auditEvent, cancellationToken);
        }
    }

    private async Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var entity = new AuditLogEntity
        {
            PartitionKey = AuditLogEntity.PartitionFor(auditEvent.Tenant, auditEvent.Time),
            RowKey = auditEvent.RequestId,
            Kind = auditEvent.Kind,
            Time = auditEvent.Time,
            Route = auditEvent.Route,
            KeyId = auditEvent.KeyId,
            EndUser = auditEvent.EndUser,
            Actor = auditEvent.Actor,
            Action = auditEvent.Action,
            Target = auditEvent.Target,
            Model = auditEvent.Model,
            Deployment = auditEvent.Deployment,
            Stream = auditEvent.Stream,
            Status = auditEvent.Status,
            ErrorCode = auditEvent.ErrorCode,
            LatencyMs = auditEvent.LatencyMs,
            TimeToFirstTokenMs = auditEvent.TimeToFirstTokenMs,
            PromptTokens = auditEvent.PromptTokens,
            CompletionTokens = auditEvent.CompletionTokens,
            CachedPromptTokens = auditEvent.CachedPromptTokens,
            UsageSource = auditEvent.UsageSource,
            CostUsd = auditEvent.CostUsd?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StreamCut = auditEvent.StreamCut,
            Attempts = auditEvent.Attempts is { Count: > 0 } attempts ? JsonSerializer.Serialize(attempts, MessageJson.Options) : null,
            Guardrails = auditEvent.Guardrails is { Count: > 0 } guardrails ? JsonSerializer.Serialize(guardrails, MessageJson.Options) : null,
            FallbackFrom = auditEvent.FallbackFrom,
            FallbackTo = auditEvent.FallbackTo,
            FallbackReason = auditEvent.FallbackReason,
            Body = auditEvent.Body is { } body ? JsonSerializer.Serialize(body, MessageJson.Options) : null, // helper B: minimal; C's writer replaces this
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<AuditLogEntity?> FindAsync(string? tenant, DateTimeOffset day, string requestId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<AuditLogEntity>(AuditLogEntity.PartitionFor(tenant, day), requestId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }
}
