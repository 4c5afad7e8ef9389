using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Azure.Data.Tables;
using Gatehouse.Messaging;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Audit;

/// <summary>An audit event as an <c>AuditLog</c> row, and that row as the property bag the chain hashes and the table stores.</summary>
public static class AuditLogRow
{
    private static readonly PropertyInfo[] Columns = typeof(AuditLogEntity).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.Name is not (nameof(ITableEntity.ETag) or nameof(ITableEntity.Timestamp)) && p.GetMethod is not null && p.SetMethod is not null)
        .ToArray();

    /// <summary>The row without its chain columns and body; <see cref="AuditEvent.Time"/> cut to whole milliseconds, a precision every store keeps.</summary>
    public static AuditLogEntity From(AuditEvent auditEvent)
    {
        var time = auditEvent.Time.ToUniversalTime();
        return new AuditLogEntity
        {
            PartitionKey = AuditLogEntity.PartitionFor(auditEvent.Tenant, auditEvent.Time),
            RowKey = auditEvent.RequestId,
            Kind = auditEvent.Kind,
            Time = time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond)),
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
            CostUsd = auditEvent.CostUsd?.ToString(CultureInfo.InvariantCulture),
            StreamCut = auditEvent.StreamCut,
            Attempts = auditEvent.Attempts is { Count: > 0 } attempts ? JsonSerializer.Serialize(attempts, MessageJson.Options) : null,
            Guardrails = auditEvent.Guardrails is { Count: > 0 } guardrails ? JsonSerializer.Serialize(guardrails, MessageJson.Options) : null,
            FallbackFrom = auditEvent.FallbackFrom,
            FallbackTo = auditEvent.FallbackTo,
            FallbackReason = auditEvent.FallbackReason,
        };
    }

    /// <summary>The columns the table will store (null ones are not stored), so the hash is over what a reader gets back.</summary>
    public static TableEntity ToTableEntity(AuditLogEntity row)
    {
        var entity = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var column in Columns)
        {
            if (column.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey)) && column.GetValue(row) is { } value)
            {
                entity[column.Name] = value;
            }
        }

        return entity;
    }

    /// <summary>Rough size on the wire, for keeping a transaction under the service's 4 MiB.</summary>
    public static int EstimatedBytes(TableEntity row) =>
        1024 + row.Sum(p => (p.Key.Length * 2) + (p.Value is string s ? s.Length * 2 : 32));
}
