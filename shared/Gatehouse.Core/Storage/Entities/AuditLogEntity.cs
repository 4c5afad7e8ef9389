using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>Row of <c>AuditLog</c>: PartitionKey = <c>{tenant}_{yyyyMMdd}</c> (UTC), RowKey = request id.</summary>
public sealed class AuditLogEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";

    public DateTimeOffset Time { get; set; }

    public string Route { get; set; } = "";

    public string? KeyId { get; set; }

    public string? EndUser { get; set; }

    public string? Actor { get; set; }

    public string? Action { get; set; }

    public string? Target { get; set; }

    public string? Model { get; set; }

    public string? Deployment { get; set; }

    public bool Stream { get; set; }

    public int Status { get; set; }

    public string? ErrorCode { get; set; }

    public double LatencyMs { get; set; }

    public double? TimeToFirstTokenMs { get; set; }

    public int? PromptTokens { get; set; }

    public int? CompletionTokens { get; set; }

    public int? CachedPromptTokens { get; set; }

    public string? UsageSource { get; set; }

    /// <summary>USD as an invariant decimal string: Table Storage has no decimal type, and a double would round.</summary>
    public string? CostUsd { get; set; }

    public string? StreamCut { get; set; }

    /// <summary>The attempts as a JSON array (<c>deployment</c>, <c>outcome</c>, <c>status</c>, <c>duration_ms</c>, <c>retry_after_ms</c>).</summary>
    public string? Attempts { get; set; }

    /// <summary>The guardrail outcomes as a JSON array (<c>detector</c>, <c>type</c>, <c>action</c>, <c>duration_ms</c>, <c>failed</c>).</summary>
    public string? Guardrails { get; set; }

    public string? FallbackFrom { get; set; }

    public string? FallbackTo { get; set; }

    public string? FallbackReason { get; set; }

    /// <summary>The encrypted body (<see cref="Audit.AuditBody"/> as snake_case JSON), when the body policy stores one.</summary>
    public string? Body { get; set; }

    public static string PartitionFor(string? tenant, DateTimeOffset time) =>
        $"{tenant ?? "_anonymous"}_{time.UtcDateTime:yyyyMMdd}";
}
