using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>UsageRollups</c>: RowKey = <c>burst|block|{keyId}|{window start}</c> (guardrail blocks on a key) or
/// <c>burst|failover|{model}|{window start}</c> (failovers on a model alias), window start as <c>yyyyMMddHHmm</c> UTC.
/// Counted in the same transaction as the rollup rows, so an alert fires once, when a batch takes the count across
/// the threshold.
/// </summary>
public sealed class BurstCounterEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary><c>block</c> or <c>failover</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The key id or model alias counted.</summary>
    public string Subject { get; set; } = "";

    public DateTimeOffset WindowStart { get; set; }

    public long Count { get; set; }
}
