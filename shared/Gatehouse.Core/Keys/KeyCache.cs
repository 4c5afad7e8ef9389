using System.Collections.Concurrent;
using Gatehouse.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Keys;

/// <summary>
/// Resolved keys by secret hash, in memory, so a known key costs no storage round-trip. Entries live for
/// <see cref="KeyOptions.CacheTtl"/>, which is the bound on how late another instance's revocation is seen here;
/// unknown keys are remembered for the shorter <see cref="KeyOptions.NegativeCacheTtl"/>.
/// </summary>
public sealed class KeyCache(IOptions<GatehouseOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly KeyOptions _options = options.Value.Keys;

    public bool TryGet(string hash, out VirtualKey? key)
    {
        if (_entries.TryGetValue(hash, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            key = entry.Key;
            return true;
        }

        key = null;
        return false;
    }

    /// <summary>Remembers a lookup result; a null key is a negative entry.</summary>
    public void Set(string hash, VirtualKey? key)
    {
        if (_entries.Count >= _options.CacheMaxEntries)
        {
            // A full cache is most likely a flood of random keys; starting over is cheap and bounds memory.
            _entries.Clear();
        }

        var ttl = key is null ? _options.NegativeCacheTtl : _options.CacheTtl;
        _entries[hash] = new Entry(key, time.GetUtcNow() + ttl);
    }

    /// <summary>Drops every entry of a key on this instance at once (after a revocation made here).</summary>
    public void Invalidate(string keyId)
    {
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Key?.Id == keyId)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    private sealed record Entry(VirtualKey? Key, DateTimeOffset ExpiresAt);
}
