using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Gatehouse.Rollups;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>UsageRollups</c>: PartitionKey = tenant, RowKey = <c>hour|yyyyMMddHH|{keyId}|{model}</c> or
/// <c>day|yyyyMMdd|{keyId}|{model}</c> (UTC; see <see cref="RollupRowKeys"/>). Every figure is a sum, changed only by
/// conditional (ETag) writes in the same transaction as the batch's applied marker. Operators query it directly, so
/// the columns are plain: one per latency bucket (<see cref="LatencyBuckets.ColumnName"/>).
/// </summary>
public sealed class RollupEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Tenant { get; set; } = "";

    /// <summary><c>hour</c> or <c>day</c>.</summary>
    public string Period { get; set; } = "";

    /// <summary>Start of the hour or day (UTC).</summary>
    public DateTimeOffset Start { get; set; }

    public string KeyId { get; set; } = "";

    /// <summary>The model alias the client asked for.</summary>
    public string Model { get; set; } = "";

    public long Requests { get; set; }

    public long Errors { get; set; }

    public long Blocked { get; set; }

    public long FailedOver { get; set; }

    public long PromptTokens { get; set; }

    public long CompletionTokens { get; set; }

    public long CachedPromptTokens { get; set; }

    /// <summary>USD as an invariant decimal string: Table Storage has no decimal type, and a double would round.</summary>
    public string CostUsd { get; set; } = "0";

    public long LatencyLe50 { get; set; }

    public long LatencyLe100 { get; set; }

    public long LatencyLe250 { get; set; }

    public long LatencyLe500 { get; set; }

    public long LatencyLe1000 { get; set; }

    public long LatencyLe2500 { get; set; }

    public long LatencyLe5000 { get; set; }

    public long LatencyLe10000 { get; set; }

    public long LatencyLe30000 { get; set; }

    public long LatencyLe60000 { get; set; }

    public long LatencyGt60000 { get; set; }

    public RollupCounts Counts() => RollupCounts.Of(
        Requests, Errors, Blocked, FailedOver, PromptTokens, CompletionTokens, CachedPromptTokens,
        decimal.Parse(CostUsd, NumberStyles.Number, CultureInfo.InvariantCulture),
        [LatencyLe50, LatencyLe100, LatencyLe250, LatencyLe500, LatencyLe1000, LatencyLe2500, LatencyLe5000, LatencyLe10000, LatencyLe30000, LatencyLe60000, LatencyGt60000]);

    public void Set(RollupCounts counts)
    {
        Requests = counts.Requests;
        Errors = counts.Errors;
        Blocked = counts.Blocked;
        FailedOver = counts.FailedOver;
        PromptTokens = counts.PromptTokens;
        CompletionTokens = counts.CompletionTokens;
        CachedPromptTokens = counts.CachedPromptTokens;
        CostUsd = counts.CostUsd.ToString(CultureInfo.InvariantCulture);
        var l = counts.Latency;
        (LatencyLe50, LatencyLe100, LatencyLe250, LatencyLe500, LatencyLe1000, LatencyLe2500) = (l[0], l[1], l[2], l[3], l[4], l[5]);
        (LatencyLe5000, LatencyLe10000, LatencyLe30000, LatencyLe60000, LatencyGt60000) = (l[6], l[7], l[8], l[9], l[10]);
    }
}
