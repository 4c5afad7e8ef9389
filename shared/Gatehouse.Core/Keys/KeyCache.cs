using System.Collections.Concurrent;
using Gatehouse.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Keys;

/// <summary>
/// Resolved keys by secret hash, in memory, so a known key costs no storage round-trip. An entry is served for at
/// most <see cref="KeyOptions.CacheTtl"/> after it was read from storage — the bound on how late another instance's
/// revocation, rotation or allow-list change is seen here. From half that age the entry asks for a refresh in the
/// background (refresh-ahead), so busy keys are re-read before they expire and requests do not wait on storage.
/// Unknown keys are remembered for the shorter <see cref="KeyOptions.NegativeCacheTtl"/>.
/// </summary>
public sealed class KeyCache(IOptions<GatehouseOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly KeyOptions _options = options.Value.Keys;

    /// <summary>A live entry (null match = known unknown); <paramref name="refreshDue"/> says it is old enough to re-read.</summary>
    public bool TryGet(string hash, out KeyMatch? match, out bool refreshDue)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(hash, out var entry) && now < entry.LoadedAt + entry.Ttl)
        {
            match = entry.Match;
            refreshDue = entry.Match is not null && now >= entry.LoadedAt + entry.Ttl / 2;
            return true;
        }

        match = null;
        refreshDue = false;
        return false;
    }

    /// <summary>Remembers a lookup result read at <paramref name="loadedAt"/>; a null match is a negative entry.</summary>
    public void Set(string hash, KeyMatch? match, DateTimeOffset loadedAt)
    {
        if (_entries.Count >= _options.CacheMaxEntries)
        {
            // A full cache is most likely a flood of random keys; starting over is cheap and bounds memory.
            _entries.Clear();
        }

        _entries[hash] = new Entry(match, loadedAt, match is null ? _options.NegativeCacheTtl : _options.CacheTtl);
    }

    /// <summary>Drops every entry of a key on this instance at once (after a change made here).</summary>
    public void Invalidate(string keyId)
    {
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Match?.Key.Id == keyId)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    private sealed record Entry(KeyMatch? Match, DateTimeOffset LoadedAt, TimeSpan Ttl);
}
