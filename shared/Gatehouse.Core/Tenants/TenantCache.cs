using System.Collections.Concurrent;
using Gatehouse.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tenants;

/// <summary>
/// Tenants by id, in memory for <see cref="KeyOptions.CacheTtl"/> (the same bound as keys: a tenant's new limits
/// reach every instance within it), so the hot path does not read the tenant per request. Concurrent misses share
/// one read.
/// </summary>
public sealed class TenantCache(TenantStore store, IOptions<GatehouseOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = options.Value.Keys.CacheTtl;

    public async ValueTask<Tenant?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _entries.GetOrAdd(id, Load, now);
        if (now - entry.LoadedAt >= _ttl)
        {
            var fresh = Load(id, now);
            entry = _entries.TryUpdate(id, fresh, entry) ? fresh : _entries[id];
        }

        try
        {
            return await entry.Tenant.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed read must not be served for the whole TTL: forget it so the next request tries again.
            _entries.TryRemove(new KeyValuePair<string, Entry>(id, entry));
            throw;
        }
    }

    private Entry Load(string id, DateTimeOffset now) => new(store.GetAsync(id, CancellationToken.None), now);

    private sealed record Entry(Task<Tenant?> Tenant, DateTimeOffset LoadedAt);
}
