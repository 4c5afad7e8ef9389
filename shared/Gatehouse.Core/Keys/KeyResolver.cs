using System.Collections.Concurrent;

namespace Gatehouse.Keys;

/// <summary>
/// Turns a presented secret into its key: shape check, hash, memory cache, then storage. Concurrent misses for the
/// same hash share one storage lookup, so a cold start or a burst cannot stampede the table.
/// </summary>
public sealed class KeyResolver(KeyHasher hasher, KeyCache cache, KeyStore store)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<VirtualKey?>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>The key this secret belongs to (whatever its status), or null for an unknown or malformed secret.</summary>
    public async ValueTask<VirtualKey?> ResolveAsync(string secret, CancellationToken cancellationToken)
    {
        if (!KeySecret.HasValidShape(secret))
        {
            return null;
        }

        var hash = hasher.Hash(secret);
        if (cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var lookup = _inFlight.GetOrAdd(hash, h => new Lazy<Task<VirtualKey?>>(() => LoadAsync(h)));
        try
        {
            return await lookup.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<VirtualKey?>>>(hash, lookup));
        }
    }

    private async Task<VirtualKey?> LoadAsync(string hash)
    {
        // Not tied to one caller's cancellation: other waiters share this lookup.
        var key = await store.FindByHashAsync(hash, CancellationToken.None);
        cache.Set(hash, key);
        return key;
    }
}
