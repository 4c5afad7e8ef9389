using System.Collections.Concurrent;
using Gatehouse.Configuration;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Limits;

/// <summary>
/// Admits or refuses a request against its concurrency limits, across all gateway instances. Each instance claims
/// slots in the scope's shared row and admits locally while it has claimed slots free, so the hot path touches
/// storage only when its claim runs out; releasing is local, and <see cref="ConcurrencyRenewer"/> later shrinks the
/// claim to what is in use. When storage fails, <see cref="LimitOptions.WhenStorageFails"/> decides.
/// </summary>
public sealed partial class ConcurrencyLimiter(ConcurrencySlotStore store, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<ConcurrencyLimiter> logger)
{
    private const int RenewParallelism = 8;
    private readonly ConcurrentDictionary<string, ScopeSlots> _scopes = new(StringComparer.Ordinal);
    private readonly LimitOptions _options = options.Value.Limits;

    /// <summary>Takes one in-flight slot from every check, or none. Storage failures are answered by the policy, never thrown.</summary>
    public async ValueTask<ConcurrencyAdmission> AcquireAsync(IReadOnlyList<ConcurrencyCheck> checks, CancellationToken cancellationToken)
    {
        if (checks.Count == 0)
        {
            return ConcurrencyAdmission.Unlimited;
        }

        var held = new List<ScopeSlots>(checks.Count);
        try
        {
            foreach (var check in checks)
            {
                var (result, slots) = await TakeAsync(check, cancellationToken);
                if (result != ScopeSlots.TakeResult.Took)
                {
                    held.ForEach(s => s.Release());
                    return result == ScopeSlots.TakeResult.Unavailable ? ConcurrencyAdmission.Unavailable() : ConcurrencyAdmission.RefusedBy(check);
                }

                held.Add(slots);
            }
        }
        catch
        {
            held.ForEach(s => s.Release()); // cancelled while waiting on a claim: all or none still holds
            throw;
        }

        return ConcurrencyAdmission.Holding([.. held]);
    }

    /// <summary>Renews every claim this instance holds and shrinks each to the slots in use; forgets idle scopes.</summary>
    internal async Task RenewAsync(CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = RenewParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(_scopes, parallel, async (entry, ct) =>
        {
            if (entry.Value.TryRetire())
            {
                _scopes.TryRemove(entry);
                return;
            }

            if (entry.Value.StartRenew(kind => SyncAsync(entry.Value, kind)) is { } sync)
            {
                await sync.WaitAsync(ct);
            }
        });
    }

    /// <summary>How many slots of a scope this instance has in use and claimed (for tests and diagnostics).</summary>
    internal (long InUse, long Claimed) Slots(string scopeId) =>
        _scopes.TryGetValue(scopeId, out var slots) ? (slots.InUse, slots.Claimed) : (0, 0);

    private async ValueTask<(ScopeSlots.TakeResult, ScopeSlots)> TakeAsync(ConcurrencyCheck check, CancellationToken cancellationToken)
    {
        var slots = _scopes.GetOrAdd(check.ScopeId, static (id, scope) => new ScopeSlots(scope, id), check.Scope);
        var contended = false;
        while (true)
        {
            var result = slots.TryTake(check.Limit, time.GetUtcNow(), _options.WhenStorageFails);
            if (result == ScopeSlots.TakeResult.Retired)
            {
                _scopes.TryRemove(new KeyValuePair<string, ScopeSlots>(check.ScopeId, slots));
                slots = _scopes.GetOrAdd(check.ScopeId, static (id, scope) => new ScopeSlots(scope, id), check.Scope);
                continue;
            }

            if (result != ScopeSlots.TakeResult.NeedsClaim)
            {
                return (result, slots);
            }

            if (contended)
            {
                return (ScopeSlots.TakeResult.Refused, slots); // the scope is too hot to claim in time: as good as full
            }

            // Whatever the claim's outcome, the slots now know more: ask them again.
            var claim = slots.JoinClaim(kind => SyncAsync(slots, kind));
            try
            {
                contended = await claim.WaitAsync(cancellationToken) == ScopeSlots.SyncResult.Contended;
            }
            finally
            {
                slots.StopWaiting();
            }
        }
    }

    /// <summary>Writes this instance's claim for one scope; storage failures start the failure policy, not an exception.</summary>
    private async Task<ScopeSlots.SyncResult> SyncAsync(ScopeSlots slots, ScopeSlots.SyncKind kind)
    {
        await Task.Yield(); // started under the slots' lock: run the storage calls outside it
        try
        {
            using var timeout = new CancellationTokenSource(_options.StorageTimeout, time);
            var target = slots.Target(kind, _options.Concurrency.ClaimFraction);
            if (await store.ClaimAsync(slots.ScopeId, target, timeout.Token) is not { } grant)
            {
                slots.SyncEnded();
                return ScopeSlots.SyncResult.Contended;
            }

            slots.Synced(kind, grant, time.GetUtcNow() + _options.Concurrency.RecheckFullAfter);
            return ScopeSlots.SyncResult.Synced;
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e) || e is OperationCanceledException)
        {
            slots.SyncFailed(time.GetUtcNow() + _options.RetryStorageAfter);
            LimitMetrics.StorageFailures.Add(1);
            LogClaimFailed(logger, slots.Scope, e.GetType().Name);
            return ScopeSlots.SyncResult.Failed;
        }
        catch
        {
            slots.SyncEnded(); // a bug: let it surface, but do not leave every later request waiting on this sync
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim {Scope} concurrency slots in storage ({Error}); the failure policy applies.")]
    private static partial void LogClaimFailed(ILogger logger, string scope, string error);
}
