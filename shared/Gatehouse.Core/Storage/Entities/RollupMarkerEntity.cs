using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>UsageRollups</c>: RowKey = <c>applied|{message id}</c> (or <c>applied|{message id}.{chunk}</c> for a batch
/// split into several transactions), written in the same transaction as the rows the batch changed. Its presence
/// means "already counted": a redelivered batch finds it and changes nothing.
/// </summary>
public sealed class RollupMarkerEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>When the worker applied it, so old markers can be found and deleted.</summary>
    public DateTimeOffset AppliedAt { get; set; }

    /// <summary>How many usage records of this tenant the transaction counted.</summary>
    public int Records { get; set; }
}
