using Azure;
using Azure.Data.Tables;
using Gatehouse.Budgets;
using Gatehouse.Guardrails.PolicyOverrides;
using Gatehouse.Limits;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Tenants;

/// <summary>Tenants in the <c>Tenants</c> table.</summary>
public sealed class TenantStore(StorageClients storage, TimeProvider time)
{
    private readonly TableClient _table = storage.Table(TableNames.Tenants);

    /// <summary>Creates a tenant; null when the id is already taken. A null <paramref name="budget"/> leaves the default to apply.</summary>
    public async Task<Tenant?> TryCreateAsync(string id, string name, RateLimits limits, Budget? budget, CancellationToken cancellationToken)
    {
        var entity = new TenantEntity { RowKey = id, CreatedAt = time.GetUtcNow() };
        Apply(entity, new Tenant(id, name, entity.CreatedAt) { Limits = limits, Budget = budget });
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

    /// <summary>
    /// Changes a tenant's name, limits and/or budget; <paramref name="change"/> sees the current tenant. Null when it does not
    /// exist. Conditional on the row's ETag and re-applied on a lost race: a tenant admin renaming and an admin
    /// changing limits at the same moment must not undo each other, as a blind last-writer-wins replace would.
    /// </summary>
    public async Task<Tenant?> UpdateAsync(string id, Func<Tenant, Tenant> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await _table.GetEntityIfExistsAsync<TenantEntity>(TenantEntity.Partition, id, cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return null;
            }

            var entity = row.Value!;
            Apply(entity, change(ToTenant(entity)));
            try
            {
                await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return ToTenant(entity);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Someone changed the row meanwhile; read it again and re-apply.
            }
        }
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

    private static Tenant ToTenant(TenantEntity e) => new(e.RowKey, e.Name, e.CreatedAt)
    {
        Limits = e.ReadLimits(),
        Budget = e.ReadBudget(),
        GuardrailOverride = GuardrailPolicyOverride.Parse(e.GuardrailPolicy),
    };

    /// <summary>Copies what may change (name, limits, budget, guardrail policy) onto the row.</summary>
    private static void Apply(TenantEntity e, Tenant tenant)
    {
        e.Name = tenant.Name;
        e.WriteLimits(tenant.Limits);
        e.WriteBudget(tenant.Budget);
        e.GuardrailPolicy = tenant.GuardrailOverride?.Text;
    }
}
