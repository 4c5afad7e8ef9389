using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Audit.Bodies;

/// <summary>
/// Reads the encrypted body of one <c>AuditLog</c> row, in either stored form: the <c>Body</c> string (the
/// <see cref="AuditBody"/> as snake_case JSON), or, for a large one, <c>BodyBlob</c> naming a blob in
/// <see cref="BlobContainerNames.AuditBodies"/> that holds that same JSON. Reads the columns it needs only.
/// </summary>
public sealed class AuditBodyRowReader(StorageClients storage, AuditBodyStorage bodies)
{
    /// <summary>Larger than any body the gateway writes (two capped texts, base64): a bigger blob is not one of ours.</summary>
    public const int MaxBlobBytes = 32 * 1024 * 1024;

    private static readonly string[] Columns = [nameof(AuditLogEntity.Body), nameof(AuditLogEntity.BodyBlob)];

    /// <summary>Null when there is no such row; the row with a null body when it has none (bodies off, or not recorded).</summary>
    public async Task<StoredAuditBody?> ReadAsync(string? tenant, DateTimeOffset day, string requestId, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.AuditLog);
        NullableResponse<TableEntity> row;
        try
        {
            row = await table.GetEntityIfExistsAsync<TableEntity>(AuditLogEntity.PartitionFor(tenant, day), requestId, Columns, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // no AuditLog table yet
        }

        if (!row.HasValue)
        {
            return null;
        }

        var entity = row.Value!;
        if (entity.GetString(nameof(AuditLogEntity.Body)) is { Length: > 0 } inline)
        {
            return new StoredAuditBody(requestId, Parse(inline));
        }

        return entity.GetString(nameof(AuditLogEntity.BodyBlob)) is { Length: > 0 } blob
            ? new StoredAuditBody(requestId, Parse(await ReadBlobAsync(blob, cancellationToken)))
            : new StoredAuditBody(requestId, null);
    }

    private async Task<string> ReadBlobAsync(string name, CancellationToken cancellationToken) =>
        await bodies.ReadBlobAsync(name, MaxBlobBytes, cancellationToken)
            ?? throw new AuditBodyException($"The row names body blob '{name}', which does not exist in '{BlobContainerNames.AuditBodies}'.");

    private static AuditBody Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditBody>(json, MessageJson.Options) ?? throw new AuditBodyException("The stored body is empty.");
        }
        catch (JsonException e)
        {
            throw new AuditBodyException("The stored body is not a readable encrypted body.", e);
        }
    }
}
