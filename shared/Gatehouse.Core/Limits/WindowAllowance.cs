namespace Gatehouse.Limits;

/// <summary>
/// This instance's share of one counter in one window, and its accounting: units leased from the shared row and not
/// yet used, units used beyond the lease (<c>debt</c>: charged to the row with the next lease), and after a storage
/// failure, how much it may still admit on its own. Budget counters also carry the real cost settled here and not yet
/// reported to the row (<c>spend</c>). Storage calls are the limiter's; this type only decides.
/// </summary>
internal sealed class WindowAllowance(LimitWindow window, long limit, long leaseSize)
{
    private readonly Lock _gate = new();
    private long _local;
    private long _totalGranted;
    private long _debt;
    private long _unsentSpend;
    private long _knownSpent;
    private bool _exhausted;
    private bool _localOnly;
    private long _localOnlyLeft;
    private DateTimeOffset _storageDownUntil;
    private Task<bool>? _refill;

    public LimitWindow Window { get; } = window;

    public long Limit { get; } = limit;

    public long LeaseSize { get; } = leaseSize;

    /// <summary>Budget counters: the window's spend across instances as of this instance's last write, plus its own since.</summary>
    public long Spent
    {
        get
        {
            lock (_gate)
            {
                return _knownSpent + _unsentSpend;
            }
        }
    }

    /// <summary>Whether a flush has anything to write: settled spend, or debt, not yet on the row.</summary>
    public bool HasUnsent
    {
        get
        {
            lock (_gate)
            {
                return _unsentSpend > 0 || _debt > 0;
            }
        }
    }

    /// <summary>What is left of the limit as far as this instance knows.</summary>
    public long Remaining
    {
        get
        {
            lock (_gate)
            {
                return _localOnly ? _local + _localOnlyLeft : Math.Max(0, Limit - _totalGranted - _debt + _local);
            }
        }
    }

    public static long LeaseSizeFor(long limit, double fraction) => Math.Max(1, (long)Math.Ceiling(limit * fraction));

    /// <summary>Takes <paramref name="units"/> if this instance can decide alone; otherwise says a lease is needed.</summary>
    public Attempt TryTake(long units, DateTimeOffset now, LimiterFailurePolicy policy)
    {
        lock (_gate)
        {
            if (units > Limit)
            {
                return Attempt.Refused; // larger than the whole window: no lease could ever fit it
            }

            if (_local >= units)
            {
                _local -= units;
                var refreshAhead = _local * 2 < LeaseSize && !_exhausted && _refill is null && now >= _storageDownUntil;
                return Attempt.Took(new Portion(units, 0), refreshAhead);
            }

            if (now < _storageDownUntil)
            {
                if (policy == LimiterFailurePolicy.FailClosed)
                {
                    return Attempt.Unavailable;
                }

                // Fail-open: admit on this instance's own count, within what it last knew to be left of the window.
                var beyondLease = units - _local;
                if (beyondLease > _localOnlyLeft)
                {
                    return Attempt.Refused;
                }

                var portion = new Portion(_local, beyondLease);
                _local = 0;
                _localOnlyLeft -= beyondLease;
                _debt += beyondLease;
                return Attempt.Took(portion, refreshAhead: false);
            }

            return _exhausted ? Attempt.Refused : Attempt.NeedsLease;
        }
    }

    /// <summary>The lease in flight, or a new one started with <paramref name="lease"/>(wanted, debt, spend): one at a time.</summary>
    public Task<bool> JoinRefill(long units, Func<LeaseRequest, Task<bool>> lease)
    {
        lock (_gate)
        {
            return _refill ??= lease(new LeaseRequest(Math.Max(LeaseSize, units - _local), _debt, _unsentSpend));
        }
    }

    /// <summary>Writes debt and spend to the row without taking more: the write in flight, or a new one.</summary>
    public Task<bool> JoinFlush(Func<LeaseRequest, Task<bool>> lease)
    {
        lock (_gate)
        {
            return _refill ??= lease(new LeaseRequest(0, _debt, _unsentSpend));
        }
    }

    public void Leased(Lease lease, LeaseRequest sent)
    {
        lock (_gate)
        {
            _local += lease.Granted;
            _totalGranted = lease.TotalGranted;
            _knownSpent = lease.TotalSpent;
            _debt -= sent.Debt;
            _unsentSpend -= sent.Spend;
            _exhausted = sent.Wanted > 0 ? lease.Granted < sent.Wanted : _exhausted;
            _localOnly = false;
            _localOnlyLeft = 0;
            _refill = null;
        }
    }

    /// <summary>Storage failed: until <paramref name="retryAt"/> the failure policy applies, then a lease is tried again.</summary>
    public void LeaseFailed(DateTimeOffset retryAt)
    {
        lock (_gate)
        {
            if (!_localOnly)
            {
                // Counted once per outage, from the last shared total this instance saw, so that repeated failures
                // do not hand out the window again.
                _localOnly = true;
                _localOnlyLeft = Math.Max(0, Limit - _totalGranted - _debt);
            }

            _storageDownUntil = retryAt;
            _refill = null;
        }
    }

    /// <summary>Gives back <paramref name="units"/> of what <paramref name="portion"/> took (a refusal elsewhere, or fewer tokens used).</summary>
    public void GiveBack(Portion portion, long units)
    {
        lock (_gate)
        {
            // Debt not yet sent to the row is simply cancelled; anything else was charged to the row, so it is leased here.
            var cancelled = Math.Min(Math.Min(units, portion.FromDebt), _debt);
            _debt -= cancelled;
            _localOnlyLeft += _localOnly ? cancelled : 0;
            _local += units - cancelled;
        }
    }

    /// <summary>Charges units already used (more tokens than estimated): from the lease, the rest as debt.</summary>
    public void Charge(long units)
    {
        lock (_gate)
        {
            var fromLease = Math.Min(_local, units);
            _local -= fromLease;
            _debt += units - fromLease;
            _localOnlyLeft = _localOnly ? Math.Max(0, _localOnlyLeft - (units - fromLease)) : 0;
        }
    }

    /// <summary>Budget counters: the real cost of a settled request, reported to the row with the next write.</summary>
    public void RecordSpend(long units)
    {
        lock (_gate)
        {
            _unsentSpend += units;
        }
    }

    /// <summary>What one storage write asks for: more allowance, and what it reports (debt, settled spend).</summary>
    public readonly record struct LeaseRequest(long Wanted, long Debt, long Spend);

    /// <summary>Where a take's units came from: this instance's lease, or (fail-open) beyond it.</summary>
    public readonly record struct Portion(long FromLease, long FromDebt)
    {
        public long Units => FromLease + FromDebt;
    }

    public readonly record struct Attempt(AttemptResult Result, Portion Portion, bool RefreshAhead)
    {
        public static Attempt Refused => new(AttemptResult.Refused, default, false);

        public static Attempt Unavailable => new(AttemptResult.Unavailable, default, false);

        public static Attempt NeedsLease => new(AttemptResult.NeedsLease, default, false);

        public static Attempt Took(Portion portion, bool refreshAhead) => new(AttemptResult.Took, portion, refreshAhead);
    }

    public enum AttemptResult
    {
        Took,
        Refused,
        Unavailable,
        NeedsLease,
    }
}
