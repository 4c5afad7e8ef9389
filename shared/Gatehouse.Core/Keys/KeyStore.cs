using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Keys;

/// <summary>
/// Virtual keys in Table Storage: the key row in <c>VirtualKeys</c> (by id) and one <c>KeyLookup</c> row per
/// secret hash. The secret itself is never stored.
/// </summary>
public sealed class KeyStore(StorageClients storage, KeyHasher hasher, TimeProvider time)
{
    private readonly TableClient _keys = storage.Table(TableNames.VirtualKeys);
    private readonly TableClient _lookup = storage.Table(TableNames.KeyLookup);

    /// <summary>Creates a key and returns it with its secret, which exists only in this return value.</summary>
    public async Task<(VirtualKey Key, string Secret)> CreateAsync(string tenant, string name, IReadOnlyList<string> models, CancellationToken cancellationToken)
    {
        var secret = KeySecret.NewSecret();
        var entity = new VirtualKeyEntity
        {
            PartitionKey = KeySecret.NewKeyId(),
            Tenant = tenant,
            Name = name,
            Models = string.Join('\n', models),
            Status = nameof(KeyStatus.Active),
            Hint = KeySecret.Hint(secret),
            CreatedAt = time.GetUtcNow(),
        };
        await _keys.AddEntityAsync(entity, cancellationToken);
        try
        {
            await _lookup.AddEntityAsync(new KeyLookupEntity { PartitionKey = hasher.Hash(secret), KeyId = entity.PartitionKey }, cancellationToken);
        }
        catch
        {
            // Without its lookup row the key can never authenticate; remove it so nothing half-made is listed.
            await _keys.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, cancellationToken: CancellationToken.None);
            throw;
        }

        return (ToKey(entity), secret);
    }

    public async Task<VirtualKey?> GetAsync(string keyId, CancellationToken cancellationToken)
    {
        var row = await _keys.GetEntityIfExistsAsync<VirtualKeyEntity>(keyId, VirtualKeyEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? ToKey(row.Value!) : null;
    }

    /// <summary>Finds the key a secret hash belongs to, or null.</summary>
    public async Task<VirtualKey?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        var lookup = await _lookup.GetEntityIfExistsAsync<KeyLookupEntity>(hash, KeyLookupEntity.Row, cancellationToken: cancellationToken);
        if (!lookup.HasValue
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(lookup.Value!.PartitionKey), Convert.FromHexString(hash)))
        {
            return null;
        }

        return await GetAsync(lookup.Value.KeyId, cancellationToken);
    }

    public async Task<IReadOnlyList<VirtualKey>> ListAsync(string? tenant, CancellationToken cancellationToken)
    {
        var filter = tenant is null ? null : TableClient.CreateQueryFilter<VirtualKeyEntity>(e => e.Tenant == tenant);
        var keys = new List<VirtualKey>();
        await foreach (var entity in _keys.QueryAsync<VirtualKeyEntity>(filter, cancellationToken: cancellationToken))
        {
            keys.Add(ToKey(entity));
        }

        return [.. keys.OrderBy(k => k.CreatedAt)];
    }

    /// <summary>Marks a key revoked (idempotent); null when no such key exists.</summary>
    public async Task<VirtualKey?> RevokeAsync(string keyId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await _keys.GetEntityIfExistsAsync<VirtualKeyEntity>(keyId, VirtualKeyEntity.Row, cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return null;
            }

            var entity = row.Value!;
            if (entity.Status == nameof(KeyStatus.Revoked))
            {
                return ToKey(entity);
            }

            entity.Status = nameof(KeyStatus.Revoked);
            entity.RevokedAt = time.GetUtcNow();
            try
            {
                await _keys.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return ToKey(entity);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Someone changed the row meanwhile; read it again and re-apply.
            }
        }
    }

    private static VirtualKey ToKey(VirtualKeyEntity e) => new(
        e.PartitionKey,
        e.Tenant,
        e.Name,
        e.Models.Split('\n', StringSplitOptions.RemoveEmptyEntries),
        Enum.TryParse<KeyStatus>(e.Status, out var status) ? status : KeyStatus.Revoked,
        e.Hint,
        e.CreatedAt,
        e.RevokedAt);
}
