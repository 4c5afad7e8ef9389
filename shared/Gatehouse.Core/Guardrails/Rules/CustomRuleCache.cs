using System.Collections.Concurrent;
using Gatehouse.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// Each tenant's custom rules, compiled, in memory, so the detector makes no storage round trip per request. As the
/// tenant cache: an entry is re-read after <see cref="KeyOptions.CacheTtl"/> (the bound on how late another
/// instance's change is seen here), and from half that age one background read refreshes it while requests go on with
/// the cached rules. A rule whose version is unchanged keeps its compiled matcher. Storage failing keeps the last rules
/// loaded (a failed read is tried again within a TTL), and so does storage being slow: with last rules in hand no request
/// waits on a read. With none ever loaded for the tenant, a failed read fails the request's detector, which the policy
/// turns into a block (fail closed): rules that cannot be read cannot be known not to apply.
/// </summary>
public sealed partial class CustomRuleCache(
    CustomRuleStore store, ConfiguredCustomRules configured, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<CustomRuleCache> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = options.Value.Keys.CacheTtl;

    public ValueTask<CustomRuleSet> GetAsync(string tenant, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(tenant, out var entry))
        {
            entry = _entries.GetOrAdd(tenant, static (id, state) => state.Cache.Load(id, state.Now, null), (Cache: this, Now: now));
        }

        var age = now - entry.LoadedAt;
        if (age >= _ttl)
        {
            var fresh = Load(tenant, now, entry.Latest);
            entry = _entries.TryUpdate(tenant, fresh, entry) ? fresh : _entries.GetOrAdd(tenant, fresh);
        }
        else if (age * 2 >= _ttl && entry.Rules.IsCompletedSuccessfully && entry.TryStartRefresh())
        {
            _ = RefreshAsync(tenant, entry, now);
        }

        if (entry.Rules.IsCompletedSuccessfully && entry.Rules.Result is { } rules)
        {
            return ValueTask.FromResult(rules);
        }

        // Loading or failed: the last rules, if this tenant ever had any loaded, rather than waiting on (or failing with) storage.
        return entry.Previous is { } previous ? ValueTask.FromResult(previous) : WaitAsync(tenant, entry, cancellationToken);
    }

    /// <summary>Whether this instance holds (or is reading) the tenant's rules; for tests of what start-up loads.</summary>
    internal bool Holds(string tenant) => _entries.ContainsKey(tenant);

    /// <summary>Reads the tenant's rules again now, after a change made on this instance, so it applies here at once.</summary>
    public async Task ReloadAsync(string tenant)
    {
        var previous = _entries.TryGetValue(tenant, out var current) ? current.Latest : null;
        var fresh = Load(tenant, time.GetUtcNow(), previous);
        _entries[tenant] = fresh;
        await fresh.Rules; // a failed read is logged; requests keep the last rules, or read again themselves
    }

    private Entry Load(string tenant, DateTimeOffset now, CustomRuleSet? previous) => new(LoadAsync(tenant, previous), now, previous);

    /// <summary>The rules, or null when they could not be read or compiled (logged; never thrown, so no failed task goes unobserved).</summary>
    private async Task<CustomRuleSet?> LoadAsync(string tenant, CustomRuleSet? previous)
    {
        try
        {
            // Not tied to one caller's cancellation: every request of the tenant shares this read.
            var stored = await store.ListAsync(tenant, CancellationToken.None);
            return CustomRuleSet.Build(configured.CompiledFor(tenant), stored, previous);
        }
        catch (Exception e)
        {
            LogLoadFailed(logger, tenant, e.GetType().Name, previous is not null);
            return null;
        }
    }

    private async ValueTask<CustomRuleSet> WaitAsync(string tenant, Entry entry, CancellationToken cancellationToken)
    {
        if (await entry.Rules.WaitAsync(cancellationToken) is { } rules)
        {
            return rules;
        }

        // Nothing to fall back on: forget the failure so the next request reads again, and fail this one (closed).
        _entries.TryRemove(new KeyValuePair<string, Entry>(tenant, entry));
        throw new InvalidOperationException($"The custom guardrail rules of tenant '{tenant}' could not be read, and none were loaded before.");
    }

    private async Task RefreshAsync(string tenant, Entry stale, DateTimeOffset now)
    {
        var fresh = Load(tenant, now, stale.Latest);
        if (await fresh.Rules is not null)
        {
            _entries.TryUpdate(tenant, fresh, stale);
        }

        // Else the stale entry stays until its TTL; the read after that falls back on its rules if it fails too.
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Reading the custom guardrail rules of tenant {Tenant} failed ({Error}); keeping the last rules loaded: {KeptLast}")]
    private static partial void LogLoadFailed(ILogger logger, string tenant, string error, bool keptLast);

    private sealed class Entry(Task<CustomRuleSet?> rules, DateTimeOffset loadedAt, CustomRuleSet? previous)
    {
        private int _refreshing;

        /// <summary>The read; null when it failed.</summary>
        public Task<CustomRuleSet?> Rules { get; } = rules;

        public DateTimeOffset LoadedAt { get; } = loadedAt;

        /// <summary>The rules loaded before this entry's read, served while it is under way or if it fails.</summary>
        public CustomRuleSet? Previous { get; } = previous;

        /// <summary>The newest rules this entry knows: its own once read, else the previous ones.</summary>
        public CustomRuleSet? Latest => Rules.IsCompletedSuccessfully ? Rules.Result ?? Previous : Previous;

        public bool TryStartRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;
    }
}
