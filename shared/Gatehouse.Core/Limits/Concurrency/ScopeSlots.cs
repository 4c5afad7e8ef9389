namespace Gatehouse.Limits;

/// <summary>
/// This instance's slots in one scope: how many it has claimed in the shared row and until when, how many are in
/// use, and after a storage failure, until when it decides alone. One storage sync at a time (a claim or a renewal),
/// which all waiting requests share. Storage calls are the limiter's; this type only decides.
/// </summary>
internal sealed class ScopeSlots(string scope, string scopeId)
{
    private readonly Lock _gate = new();
    private long _limit;
    private long _inUse;
    private long _claimed;
    private DateTimeOffset _claimExpiresAt;
    private DateTimeOffset _storageDownUntil;
    private DateTimeOffset _fullUntil;
    private int _waiting;
    private bool _retired;
    private Task<SyncResult>? _sync;

    public string Scope { get; } = scope;

    public string ScopeId { get; } = scopeId;

    public long InUse
    {
        get
        {
            lock (_gate)
            {
                return _inUse;
            }
        }
    }

    public long Claimed
    {
        get
        {
            lock (_gate)
            {
                return _claimed;
            }
        }
    }

    public static long StepFor(long limit, double fraction) => Math.Max(1, (long)Math.Ceiling(limit * fraction));

    /// <summary>Takes a slot if this instance can decide alone; otherwise says a claim is needed.</summary>
    public TakeResult TryTake(long limit, DateTimeOffset now, LimiterFailurePolicy policy)
    {
        lock (_gate)
        {
            if (_retired)
            {
                return TakeResult.Retired;
            }

            _limit = limit; // a changed limit applies at once here, and in the row from the next sync
            if (_inUse < _claimed && _inUse < limit && now < _claimExpiresAt)
            {
                _inUse++;
                return TakeResult.Took;
            }

            if (now < _storageDownUntil)
            {
                if (policy == LimiterFailurePolicy.FailClosed)
                {
                    return TakeResult.Unavailable;
                }

                // Fail-open: this instance enforces the limit alone, on what it has in flight itself.
                if (_inUse >= limit)
                {
                    return TakeResult.Refused;
                }

                _inUse++;
                return TakeResult.Took;
            }

            return now < _fullUntil ? TakeResult.Refused : TakeResult.NeedsClaim;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _inUse = Math.Max(0, _inUse - 1);
        }
    }

    /// <summary>
    /// The sync in flight, or a claim started with <paramref name="start"/>: one at a time. Counts the caller as
    /// waiting (so the claim asks for it too) until it calls <see cref="StopWaiting"/>.
    /// </summary>
    public Task<SyncResult> JoinClaim(Func<SyncKind, Task<SyncResult>> start)
    {
        lock (_gate)
        {
            _waiting++;
            return _sync ??= start(SyncKind.Claim);
        }
    }

    public void StopWaiting()
    {
        lock (_gate)
        {
            _waiting--;
        }
    }

    /// <summary>The sync in flight (it renews the claim too), a renewal started with <paramref name="start"/>, or null if nothing is held.</summary>
    public Task<SyncResult>? StartRenew(Func<SyncKind, Task<SyncResult>> start)
    {
        lock (_gate)
        {
            if (_sync is null && _inUse == 0 && _claimed == 0)
            {
                return null;
            }

            return _sync ??= start(SyncKind.Renew);
        }
    }

    /// <summary>
    /// What the sync about to be written should claim. Claimed slots not in use stop being handed out here until it
    /// ends, so that what it writes covers every slot this instance admits from.
    /// </summary>
    public SlotTarget Target(SyncKind kind, double claimFraction)
    {
        lock (_gate)
        {
            _claimed = Math.Min(_claimed, _inUse);
            var wanted = kind == SyncKind.Claim ? _inUse + Math.Max(StepFor(_limit, claimFraction), _waiting) : _inUse;
            return new SlotTarget(_inUse, wanted, _limit);
        }
    }

    /// <summary>The row holds <paramref name="grant"/>; if a claim came back short, refuse alone until <paramref name="fullUntil"/>.</summary>
    public void Synced(SyncKind kind, SlotGrant grant, DateTimeOffset fullUntil)
    {
        lock (_gate)
        {
            _claimed = grant.Granted;
            _claimExpiresAt = grant.ExpiresAt;
            _storageDownUntil = default;
            if (kind == SyncKind.Claim)
            {
                _fullUntil = grant.Full ? fullUntil : default;
            }

            _sync = null;
        }
    }

    /// <summary>Storage failed: until <paramref name="retryAt"/> the failure policy applies, then a claim is tried again.</summary>
    public void SyncFailed(DateTimeOffset retryAt)
    {
        lock (_gate)
        {
            _storageDownUntil = retryAt;
            _sync = null;
        }
    }

    /// <summary>The sync ended without news (lost every race, or a bug): the next request tries again.</summary>
    public void SyncEnded()
    {
        lock (_gate)
        {
            _sync = null;
        }
    }

    /// <summary>
    /// Marks an idle scope (nothing in use, nothing claimed, no sync) as retired, so it can be dropped from memory; a
    /// request that still holds this object is told <see cref="TakeResult.Retired"/> and looks up a fresh one.
    /// </summary>
    public bool TryRetire()
    {
        lock (_gate)
        {
            _retired |= _inUse == 0 && _claimed == 0 && _sync is null && _waiting == 0;
            return _retired;
        }
    }

    public enum TakeResult
    {
        Took,
        Refused,
        Unavailable,
        NeedsClaim,
        Retired,
    }

    public enum SyncKind
    {
        /// <summary>A request needs more slots: ask for those in use, those waiting, and a step more.</summary>
        Claim,

        /// <summary>The renewer's turn: keep exactly the slots in use, and extend their expiry.</summary>
        Renew,
    }

    public enum SyncResult
    {
        Synced,
        Failed,
        Contended,
    }
}
