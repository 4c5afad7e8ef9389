using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>ConcurrencySlots</c>: PartitionKey = scope (<c>key:…</c>, <c>tenant:…</c>, <c>user:…</c>), RowKey =
/// <see cref="SlotsRowKey"/>. <see cref="Claims"/> lists which gateway instance holds how many of the scope's
/// in-flight slots, and until when; it changes only through conditional (ETag) writes.
/// </summary>
public sealed class ConcurrencySlotsEntity : ITableEntity
{
    public const string SlotsRowKey = "slots";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = SlotsRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>JSON: <c>{"instanceId": {"slots": 2, "expiresAt": "…"}}</c>. One column, so one write moves them all.</summary>
    public string Claims { get; set; } = "{}";
}
