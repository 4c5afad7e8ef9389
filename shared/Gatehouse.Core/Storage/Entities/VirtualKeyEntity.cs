using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>VirtualKeys</c>: PartitionKey = key id (point reads by id), RowKey = <see cref="Row"/>.
/// Never holds the secret or its hash; those live in <c>KeyLookup</c> so a key can carry several
/// secrets (rotation with a grace period).
/// </summary>
public sealed class VirtualKeyEntity : ITableEntity
{
    public const string Row = "key";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Tenant { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Allowed model aliases, newline-separated (<c>*</c> = all).</summary>
    public string Models { get; set; } = "";

    public string Status { get; set; } = "";

    /// <summary>Last characters of the secret, so operators can tell keys apart without seeing them.</summary>
    public string Hint { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
