using Azure;
using Azure.Data.Tables;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Tenants;

/// <summary>Tenants in the <c>Tenants</c> table.</summary>
public sealed class TenantStore(StorageClients storage, TimeProvider time)
{
    private readonly TableClient _table = storage.Table(TableNames.Tenants);

    /// <summary>Creates a tenant; null when the id is already taken.</summary>
    public async Task<Tenant?> TryCreateAsync(string id, string name, CancellationToken cancellationToken)
    {
        var entity = new TenantEntity { RowKey = id, Name = name, CreatedAt = time.GetUtcNow() };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return ToTenant(entity);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    public async Task<Tenant?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TenantEntity>(TenantEntity.Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? ToTenant(row.Value!) : null;
    }

    /// <summary>Renames a tenant; null when it does not exist.</summary>
    public async Task<Tenant?> RenameAsync(string id, string name, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TenantEntity>(TenantEntity.Partition, id, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var entity = row.Value!;
        entity.Name = name;

        // Last writer wins: the name is the only field, so there is nothing to merge.
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Replace, cancellationToken);
        return ToTenant(entity);
    }

    public async Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken)
    {
        var tenants = new List<Tenant>();
        await foreach (var entity in _table.QueryAsync<TenantEntity>(e => e.PartitionKey == TenantEntity.Partition, cancellationToken: cancellationToken))
        {
            tenants.Add(ToTenant(entity));
        }

        return tenants;
    }

    private static Tenant ToTenant(TenantEntity e) => new(e.RowKey, e.Name, e.CreatedAt);
}
