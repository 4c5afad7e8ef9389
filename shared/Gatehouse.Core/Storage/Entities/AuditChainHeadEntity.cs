using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// The last record of an <c>AuditLog</c> partition's chain, in the same partition so it moves in the same
/// transaction as the records: writers append against its ETag, and verify compares it with the last record found
/// (a cut tail shows as a head ahead of the records).
/// </summary>
public sealed class AuditChainHeadEntity : ITableEntity
{
    /// <summary>Sorts after every request id and is not one: request ids are <c>[A-Za-z0-9._:-]</c>.</summary>
    public const string Key = "~head";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Key;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Seq of the last record (0 before the first).</summary>
    public long Seq { get; set; }

    /// <summary>Hash of the last record.</summary>
    public string Hash { get; set; } = "";
}
