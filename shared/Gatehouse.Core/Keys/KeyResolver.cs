using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Keys;

/// <summary>
/// Turns a presented secret into its key: shape check, hash, memory cache, then storage. Concurrent misses for the
/// same hash share one storage lookup, so a cold start or a burst cannot stampede the table; an entry due for
/// refresh is re-read in the background while the request goes on with the cached copy.
/// </summary>
public sealed partial class KeyResolver(KeyHasher hasher, KeyCache cache, KeyStore store, TimeProvider time, ILogger<KeyResolver> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<KeyMatch?>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>The key this secret belongs to (whatever its status), or null for an unknown or malformed secret.</summary>
    public async ValueTask<KeyMatch?> ResolveAsync(string secret, CancellationToken cancellationToken)
    {
        if (!KeySecret.HasValidShape(secret))
        {
            return null;
        }

        var hash = hasher.Hash(secret);
        if (cache.TryGet(hash, out var cached, out var refreshDue))
        {
            if (refreshDue)
            {
                _ = RefreshInBackgroundAsync(hash);
            }

            return cached;
        }

        return await LoadSharedAsync(hash).WaitAsync(cancellationToken);
    }

    private Task<KeyMatch?> LoadSharedAsync(string hash)
    {
        var lookup = _inFlight.GetOrAdd(hash, h => new Lazy<Task<KeyMatch?>>(() => LoadAsync(h)));
        return lookup.Value;
    }

    private async Task<KeyMatch?> LoadAsync(string hash)
    {
        try
        {
            // Not tied to one caller's cancellation: other waiters share this lookup.
            var loadedAt = time.GetUtcNow();
            var match = await store.FindByHashAsync(hash, CancellationToken.None);
            cache.Set(hash, match, loadedAt);
            return match;
        }
        finally
        {
            _inFlight.TryRemove(hash, out _);
        }
    }

    private async Task RefreshInBackgroundAsync(string hash)
    {
        try
        {
            await LoadSharedAsync(hash);
        }
        catch (Exception e)
        {
            // The cached entry still expires on time; a request after that waits on storage and fails closed.
            LogRefreshFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background refresh of a cached key failed ({Error}); the entry expires on schedule.")]
    private static partial void LogRefreshFailed(ILogger logger, string error);
}
