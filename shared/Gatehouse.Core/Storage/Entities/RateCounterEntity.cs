using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>RateCounters</c>: PartitionKey = scope (<c>key:…</c>, <c>tenant:…</c>, <c>user:…</c>), RowKey =
/// <c>{counter}-{window id}</c>. <see cref="Granted"/> is how much of the window's limit instances have taken
/// as leases; it only grows, through conditional (ETag) writes.
/// </summary>
public sealed class RateCounterEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long Granted { get; set; }

    /// <summary>Budget counters only: the real cost settled so far, in nano-dollars, as instances reported it.</summary>
    public long Spent { get; set; }

    /// <summary>When the window ends, so a clean-up can drop old rows without parsing ids.</summary>
    public DateTimeOffset WindowEnd { get; set; }
}
