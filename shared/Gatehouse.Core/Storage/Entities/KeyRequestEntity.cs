using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>VirtualKeys</c> beside the key it asks to activate: PartitionKey = key id, RowKey = <see cref="Row"/>.
/// Sharing the partition lets approval flip the request and the key in one transaction.
/// </summary>
public sealed class KeyRequestEntity : ITableEntity, ILimitColumns
{
    public const string Row = "request";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Tenant { get; set; } = "";

    /// <summary>The key's name and allow-list as asked for: what the approver approves.</summary>
    public string Name { get; set; } = "";

    public string Models { get; set; } = "";

    /// <summary>The rate limits asked for (also on the pending key, which is what the limiter reads).</summary>
    public int? LimitRpm { get; set; }

    public int? LimitTpm { get; set; }

    public int? LimitRpd { get; set; }

    public int? LimitConcurrency { get; set; }

    /// <summary>Pending, Approved or Rejected (Expired is derived from <see cref="ExpiresAt"/>).</summary>
    public string Status { get; set; } = "";

    public string RequestedBy { get; set; } = "";

    public string? Justification { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A request not decided by then can no longer be approved.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The approver's note or the rejection reason.</summary>
    public string? Comment { get; set; }
}
