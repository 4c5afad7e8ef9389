using System.Collections.Concurrent;
using Gatehouse.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Limits;

/// <summary>
/// Admits or refuses a request against all its request and token limits. Requests are admitted from allowance this
/// instance leased from the shared counters, so the hot path touches storage only when a lease runs low (then in
/// the background) or runs out. Across all instances, leased units never exceed a window's limit; the shortfall is
/// at most one unused lease per instance. When storage fails, <see cref="LimitOptions.WhenStorageFails"/> decides.
/// </summary>
public sealed partial class RateLimiter(LimitCounterStore store, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<RateLimiter> logger)
{
    private const int SweepThreshold = 4096;
    private readonly ConcurrentDictionary<(string ScopeId, string Name, DateTimeOffset WindowStart), WindowAllowance> _allowances = new();
    private readonly LimitOptions _options = options.Value.Limits;

    /// <summary>Takes one request's units from every check, or none of them.</summary>
    public async ValueTask<LimitOutcome> AcquireAsync(IReadOnlyList<LimitCheck> checks, CancellationToken cancellationToken)
    {
        if (checks.Count == 0)
        {
            return LimitOutcome.Unlimited;
        }

        var states = new List<LimitState>(checks.Count);
        var charges = new List<LimitCharge>(checks.Count);
        foreach (var check in checks)
        {
            var allowance = AllowanceFor(check);
            var (result, portion) = await TakeAsync(allowance, check, cancellationToken);
            var state = new LimitState(check, allowance.Remaining, allowance.Window.End);
            if (result != WindowAllowance.AttemptResult.Took)
            {
                foreach (var charge in charges)
                {
                    charge.Allowance.GiveBack(charge.Portion, charge.Portion.Units);
                }

                var unavailable = result == WindowAllowance.AttemptResult.Unavailable;
                return new LimitOutcome(false, [.. states, state], state, unavailable);
            }

            states.Add(state);
            charges.Add(new LimitCharge(allowance, check, portion));
        }

        return new LimitOutcome(true, states) { Charges = charges };
    }

    /// <summary>
    /// Corrects the token limits (or budgets) of an admitted request to what it really used: the estimate taken before
    /// the call is given back or topped up. Units past the limit are still counted, against this instance's next lease.
    /// With <paramref name="isSpend"/> the units are also reported as the window's real spend.
    /// </summary>
    public static void Settle(LimitOutcome outcome, long used, bool isSpend = false)
    {
        foreach (var charge in outcome.Charges)
        {
            if (charge.Check.CountsRequests)
            {
                continue;
            }

            if (isSpend)
            {
                charge.Allowance.RecordSpend(used);
            }

            var difference = used - charge.Portion.Units;
            if (difference < 0)
            {
                charge.Allowance.GiveBack(charge.Portion, -difference);
            }
            else if (difference > 0)
            {
                charge.Allowance.Charge(difference);
            }
        }
    }

    private async ValueTask<(WindowAllowance.AttemptResult, WindowAllowance.Portion)> TakeAsync(WindowAllowance allowance, LimitCheck check, CancellationToken cancellationToken)
    {
        while (true)
        {
            var attempt = allowance.TryTake(check.Units, time.GetUtcNow(), _options.WhenStorageFails);
            if (attempt.Result != WindowAllowance.AttemptResult.NeedsLease)
            {
                if (attempt.RefreshAhead)
                {
                    _ = allowance.JoinRefill(check.Units, request => LeaseAsync(allowance, check, request)); // the request does not wait
                }

                return (attempt.Result, attempt.Portion);
            }

            // Whether the lease succeeds or fails, the allowance now knows more: ask it again.
            await allowance.JoinRefill(check.Units, request => LeaseAsync(allowance, check, request)).WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Writes what each allowance holds unreported (budget spend, debt) to its row, without leasing more; returns the
    /// allowances written, with the window's spend across instances now known. Run in the background, never per request.
    /// </summary>
    public async Task<IReadOnlyList<FlushedAllowance>> FlushAsync(Func<string, bool> counterFilter)
    {
        var flushed = new List<FlushedAllowance>();
        foreach (var ((scopeId, name, _), allowance) in _allowances)
        {
            if (!counterFilter(name) || !allowance.HasUnsent)
            {
                continue;
            }

            var check = new LimitCheck(scopeId, scopeId, name, allowance.Window.Period, allowance.Limit, 0);
            if (await allowance.JoinFlush(request => LeaseAsync(allowance, check, request)))
            {
                flushed.Add(new FlushedAllowance(scopeId, name, allowance.Window, allowance.Limit, allowance.Spent));
            }
        }

        return flushed;
    }

    /// <summary>Leases more allowance and sends this instance's debt and spend; never throws (a failure starts the failure policy).</summary>
    private async Task<bool> LeaseAsync(WindowAllowance allowance, LimitCheck check, WindowAllowance.LeaseRequest request)
    {
        await Task.Yield(); // started under the allowance's lock: run the storage call outside it
        try
        {
            using var timeout = new CancellationTokenSource(_options.StorageTimeout, time);
            var lease = await store.TakeAsync(check.ScopeId, check.Name, allowance.Window, allowance.Limit, request.Wanted, request.Debt, request.Spend, timeout.Token);
            allowance.Leased(lease, request);
            return true;
        }
        catch (Exception e)
        {
            // Storage errors and timeouts, but also anything unexpected: the failure policy is the safe answer to all.
            allowance.LeaseFailed(time.GetUtcNow() + _options.RetryStorageAfter);
            LimitMetrics.StorageFailures.Add(1);
            LogLeaseFailed(logger, check.Scope, check.Name, e.GetType().Name);
            return false;
        }
    }

    private WindowAllowance AllowanceFor(LimitCheck check)
    {
        var window = LimitWindow.At(check.Period, time.GetUtcNow());
        var key = (check.ScopeId, check.Name, window.Start); // a tuple, not a string: nothing to allocate per request
        if (_allowances.TryGetValue(key, out var existing) && existing.Limit == check.Limit)
        {
            return existing;
        }

        if (_allowances.Count > SweepThreshold)
        {
            Sweep();
        }

        // A changed limit starts a fresh allowance; the shared row keeps counting what was handed out.
        var created = new WindowAllowance(window, check.Limit, WindowAllowance.LeaseSizeFor(check.Limit, check.LeaseFraction ?? _options.LeaseFraction));
        return _allowances.AddOrUpdate(key, created, (_, old) => old.Limit == check.Limit ? old : created);
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, allowance) in _allowances)
        {
            if (allowance.Window.End <= now && !allowance.HasUnsent)
            {
                _allowances.TryRemove(key, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not lease {Scope} {Limit} allowance from storage ({Error}); the failure policy applies.")]
    private static partial void LogLeaseFailed(ILogger logger, string scope, string limit, string error);
}
