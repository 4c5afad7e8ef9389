using Azure;
using Azure.Data.Tables;
using Gatehouse.Access;
using Gatehouse.Limits;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Keys;

/// <summary>
/// Keys in Table Storage. The key row in <c>VirtualKeys</c> is the authority: it lists the secret hashes it accepts,
/// so every change (rotate, revoke, edit) is one conditional write. <c>KeyLookup</c> rows only point from a secret
/// hash to a key id; a pointer the key row does not confirm authenticates nothing. Secrets are never stored.
/// </summary>
public sealed class KeyStore(StorageClients storage, KeyHasher hasher, TimeProvider time)
{
    /// <summary>Bounds the secrets one key accepts at once (the current one plus those in a grace period).</summary>
    public const int MaxLiveSecrets = 5;

    private readonly TableClient _keys = storage.Table(TableNames.VirtualKeys);
    private readonly TableClient _lookup = storage.Table(TableNames.KeyLookup);

    /// <summary>Creates an active key and returns it with its secret, which exists only in this return value.</summary>
    public async Task<(VirtualKey Key, string Secret)> CreateAsync(KeySpec spec, CancellationToken cancellationToken)
    {
        var (entity, secret) = await PrepareAsync(spec, KeyStatus.Active, cancellationToken);
        await _keys.AddEntityAsync(entity, cancellationToken);
        return (entity.ToKey(), secret);
    }

    /// <summary>
    /// Makes a key row (not yet written) and writes its lookup row. The lookup row goes first because alone it
    /// authenticates nothing: if anything after it fails, no half-made key is listed or usable.
    /// </summary>
    internal async Task<(VirtualKeyEntity Entity, string Secret)> PrepareAsync(KeySpec spec, KeyStatus status, CancellationToken cancellationToken)
    {
        var secret = KeySecret.NewSecret();
        var keyId = KeySecret.NewKeyId();
        var hash = hasher.Hash(secret);
        var entity = new VirtualKeyEntity
        {
            PartitionKey = keyId,
            Tenant = spec.Tenant,
            Role = spec.Role is { } role ? AdminRoleNames.ToName(role) : null,
            Status = status.ToString(),
            Secrets = StoredSecret.Serialize([new StoredSecret(hash, null)]),
            Hint = KeySecret.Hint(secret),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = spec.CreatedBy,
        };
        entity.ApplyEditable(new VirtualKey
        {
            Id = keyId, Tenant = spec.Tenant, Name = spec.Name, Owner = spec.Owner, Models = spec.Models,
            Metadata = spec.Metadata ?? new Dictionary<string, string>(), ExpiresAt = spec.ExpiresAt, Limits = spec.Limits ?? RateLimits.None,
            Budget = spec.Budget, Status = status, Hint = "",
        });
        await _lookup.AddEntityAsync(new KeyLookupEntity { PartitionKey = hash, KeyId = keyId }, cancellationToken);
        return (entity, secret);
    }

    public async Task<VirtualKey?> GetAsync(string keyId, CancellationToken cancellationToken) =>
        (await ReadAsync(keyId, cancellationToken))?.ToKey();

    /// <summary>The key a secret hash belongs to and that secret's own end, or null when the key does not accept it.</summary>
    public async Task<KeyMatch?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        var lookup = await _lookup.GetEntityIfExistsAsync<KeyLookupEntity>(hash, KeyLookupEntity.Row, cancellationToken: cancellationToken);
        if (!lookup.HasValue || await ReadAsync(lookup.Value!.KeyId, cancellationToken) is not { } entity)
        {
            return null;
        }

        var secret = StoredSecret.Parse(entity.Secrets).FirstOrDefault(s => s.Hash == hash);
        return secret is null ? null : new KeyMatch(entity.ToKey(), secret.ExpiresAt);
    }

    /// <summary>App keys, or admin keys with <paramref name="adminKeys"/>, optionally of one tenant, oldest first.</summary>
    public async Task<IReadOnlyList<VirtualKey>> ListAsync(string? tenant, bool adminKeys, CancellationToken cancellationToken)
    {
        var filter = tenant is null
            ? TableClient.CreateQueryFilter($"RowKey eq {VirtualKeyEntity.Row}")
            : TableClient.CreateQueryFilter($"RowKey eq {VirtualKeyEntity.Row} and Tenant eq {tenant}");
        var keys = new List<VirtualKey>();
        await foreach (var entity in _keys.QueryAsync<VirtualKeyEntity>(filter, cancellationToken: cancellationToken))
        {
            var key = entity.ToKey();
            if (key.IsAdminKey == adminKeys)
            {
                keys.Add(key);
            }
        }

        return [.. keys.OrderBy(k => k.CreatedAt)];
    }

    /// <summary>Marks a key revoked (idempotent); null when no such key exists.</summary>
    public async Task<VirtualKey?> RevokeAsync(string keyId, CancellationToken cancellationToken) =>
        await MutateAsync(keyId, entity =>
        {
            if (entity.Status == nameof(KeyStatus.Revoked))
            {
                return false;
            }

            entity.Status = nameof(KeyStatus.Revoked);
            entity.RevokedAt = time.GetUtcNow();
            return true;
        }, cancellationToken) is { } revoked ? revoked.ToKey() : null;

    /// <summary>Changes what an operator may edit; <paramref name="change"/> sees the current key. Null when no such key.</summary>
    public async Task<VirtualKey?> UpdateAsync(string keyId, Func<VirtualKey, VirtualKey> change, CancellationToken cancellationToken) =>
        await MutateAsync(keyId, entity =>
        {
            entity.ApplyEditable(change(entity.ToKey()));
            return true;
        }, cancellationToken) is { } updated ? updated.ToKey() : null;

    /// <summary>
    /// Issues a new secret. Every older secret keeps working until <c>now + grace</c> (or its own earlier end);
    /// with no grace they stop at once.
    /// </summary>
    public async Task<KeyRotation> RotateAsync(string keyId, TimeSpan grace, CancellationToken cancellationToken)
    {
        // Checked before the lookup row is written, so rotating an unknown id leaves no stray pointer behind.
        var current = await ReadAsync(keyId, cancellationToken);
        if (current is null)
        {
            return new KeyRotation(RotationOutcome.NotFound);
        }

        var secret = KeySecret.NewSecret();
        var hash = hasher.Hash(secret);
        await _lookup.AddEntityAsync(new KeyLookupEntity { PartitionKey = hash, KeyId = keyId }, cancellationToken);

        var outcome = RotationOutcome.Rotated;
        DateTimeOffset? previousEnd = null;
        var rotated = await MutateAsync(keyId, entity =>
        {
            var now = time.GetUtcNow();
            if (entity.ToKey().StatusAt(now) != KeyStatus.Active)
            {
                outcome = RotationOutcome.NotActive;
                return false;
            }

            var end = now + grace;
            var older = StoredSecret.Parse(entity.Secrets)
                .Select(s => s with { ExpiresAt = s.ExpiresAt is { } own && own < end ? own : end })
                .Where(s => s.ExpiresAt > now)
                .ToList();
            if (older.Count >= MaxLiveSecrets)
            {
                outcome = RotationOutcome.TooManySecrets;
                return false;
            }

            previousEnd = older.Count == 0 ? null : end;
            entity.Secrets = StoredSecret.Serialize([.. older, new StoredSecret(hash, null)]);
            entity.Hint = KeySecret.Hint(secret);
            entity.RotatedAt = now;
            outcome = RotationOutcome.Rotated;
            return true;
        }, cancellationToken);

        return outcome == RotationOutcome.Rotated && rotated is not null
            ? new KeyRotation(outcome, rotated.ToKey(), secret, previousEnd)
            : new KeyRotation(outcome == RotationOutcome.Rotated ? RotationOutcome.NotFound : outcome);
    }

    internal async Task<VirtualKeyEntity?> ReadAsync(string keyId, CancellationToken cancellationToken)
    {
        var row = await _keys.GetEntityIfExistsAsync<VirtualKeyEntity>(keyId, VirtualKeyEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Read, change, conditional write; again on a lost race. <paramref name="apply"/> returns false for "nothing to
    /// write" (the row is returned as read). Null when the key does not exist.
    /// </summary>
    private async Task<VirtualKeyEntity?> MutateAsync(string keyId, Func<VirtualKeyEntity, bool> apply, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entity = await ReadAsync(keyId, cancellationToken);
            if (entity is null || !apply(entity))
            {
                return entity;
            }

            try
            {
                await _keys.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return entity;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Someone changed the row meanwhile; read it again and re-apply.
            }
        }
    }
}
