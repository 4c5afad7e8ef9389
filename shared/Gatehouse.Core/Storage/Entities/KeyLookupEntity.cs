using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>Row of <c>KeyLookup</c>: PartitionKey = HMAC-SHA256 of a secret (hex), pointing at its key id.</summary>
public sealed class KeyLookupEntity : ITableEntity
{
    public const string Row = "secret";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string KeyId { get; set; } = "";
}
