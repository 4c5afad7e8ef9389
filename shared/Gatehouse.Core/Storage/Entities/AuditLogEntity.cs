using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>AuditLog</c>: PartitionKey = <c>{tenant}_{yyyyMMdd}</c> (UTC), RowKey = request id. The rows of a
/// partition form a hash chain in <see cref="Seq"/> order (see <c>Audit.AuditChain</c>); the partition's
/// <see cref="AuditChainHeadEntity"/> row (RowKey <c>~head</c>) is not a record.
/// </summary>
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

    /// <summary>Position in the partition's chain, from 1, in write order (not event time).</summary>
    public long Seq { get; set; }

    /// <summary>The previous record's <see cref="Hash"/> (64 zeros for Seq 1).</summary>
    public string PrevHash { get; set; } = "";

    /// <summary>HMAC-SHA256 under the chain key of <see cref="PrevHash"/> and every other column (lowercase hex).</summary>
    public string Hash { get; set; } = "";

    /// <summary>The encrypted body envelope (<c>Audit.AuditBody</c> as JSON) when it fits in a column; else null.</summary>
    public string? Body { get; set; }

    /// <summary>When the envelope is too large for a column: its blob in <c>audit-bodies</c>.</summary>
    public string? BodyBlob { get; set; }

    /// <summary>SHA-256 (lowercase hex) of the envelope's UTF-8 text, wherever it is stored; part of the hash.</summary>
    public string? BodySha256 { get; set; }

    /// <summary>The partition prefix of events without a tenant (some admin calls).</summary>
    public const string AnonymousTenant = "_anonymous";

    /// <summary>The partition prefix of events naming a tenant that cannot be a table key.</summary>
    public const string InvalidTenant = "_invalid";

    /// <summary>
    /// <c>{tenant}_{yyyyMMdd}</c>; <c>_anonymous</c> for events without a tenant, <c>_invalid</c> for a tenant that cannot
    /// be a table key (a refused admin call can name any tenant; its event is still stored).
    /// </summary>
    public static string PartitionFor(string? tenant, DateTimeOffset time) =>
        $"{(tenant is null ? AnonymousTenant : IsKey(tenant) ? tenant : InvalidTenant)}_{time.UtcDateTime:yyyyMMdd}";

    /// <summary>Table keys may not hold / \ # ? or control characters (nor exceed 1 KiB); <c>~</c> first is kept for chain rows.</summary>
    public static bool IsKey(string value) =>
        value.Length is > 0 and <= 512 && value[0] != '~' && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
