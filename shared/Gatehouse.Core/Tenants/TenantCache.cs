using System.Collections.Concurrent;
using Gatehouse.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tenants;

/// <summary>
/// Tenants by id, in memory for <see cref="KeyOptions.CacheTtl"/> (the same bound as keys: a tenant's new limits and
/// budget reach every instance within it), so the hot path does not read the tenant per request. Concurrent misses
/// share one read. From half the TTL an entry is still served while one read refreshes it in the background, so a
/// busy tenant is never waited on; without that, every request stalled on the re-read each TTL when storage was slow.
/// </summary>
public sealed class TenantCache(TenantStore store, IOptions<GatehouseOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = options.Value.Keys.CacheTtl;

    public async ValueTask<Tenant?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _entries.GetOrAdd(id, Load, now);
        var age = now - entry.LoadedAt;
        if (age >= _ttl)
        {
            var fresh = Load(id, now);
            entry = _entries.TryUpdate(id, fresh, entry) ? fresh : _entries[id];
        }
        else if (age * 2 >= _ttl && entry.Tenant.IsCompletedSuccessfully && entry.TryStartRefresh())
        {
            _ = RefreshAsync(id, entry, now);
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

    private async Task RefreshAsync(string id, Entry stale, DateTimeOffset now)
    {
        var fresh = Load(id, now);
        try
        {
            await fresh.Tenant;
            _entries.TryUpdate(id, fresh, stale);
        }
        catch (Exception)
        {
            // The stale entry stays until its TTL; the first request after that reads again, and sees the failure.
        }
    }

    private sealed class Entry(Task<Tenant?> tenant, DateTimeOffset loadedAt)
    {
        private int _refreshing;

        public Task<Tenant?> Tenant { get; } = tenant;

        public DateTimeOffset LoadedAt { get; } = loadedAt;

        public bool TryStartRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;
    }
}
