using System.Collections.Concurrent;
using Gatehouse.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Limits;

/// <summary>
/// Admits or refuses a request against all its limits. Requests are admitted from allowance this instance leased
/// from the shared counters, so the hot path touches storage only when a lease runs low (then in the background)
/// or runs out. Across all instances, admitted units never exceed a window's limit; the shortfall is at most one
/// unused lease per instance. When storage fails, <see cref="LimitOptions.WhenStorageFails"/> decides.
/// </summary>
public sealed partial class RateLimiter(LimitCounterStore store, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<RateLimiter> logger)
{
    private const int SweepThreshold = 4096;
    private readonly ConcurrentDictionary<string, WindowAllowance> _allowances = new(StringComparer.Ordinal);
    private readonly LimitOptions _options = options.Value.Limits;

    /// <summary>Takes one request's units from every check, or none of them.</summary>
    public async ValueTask<LimitOutcome> AcquireAsync(IReadOnlyList<LimitCheck> checks, CancellationToken cancellationToken)
    {
        if (checks.Count == 0)
        {
            return LimitOutcome.Unlimited;
        }

        var states = new List<LimitState>(checks.Count);
        var taken = new List<(WindowAllowance Allowance, LimitCheck Check)>(checks.Count);
        foreach (var check in checks)
        {
            var allowance = AllowanceFor(check);
            var (state, admitted, unavailable) = await TakeAsync(allowance, check, cancellationToken);
            if (!admitted)
            {
                Refund(taken);
                return new LimitOutcome(false, [.. states, state], state, unavailable);
            }

            states.Add(state);
            taken.Add((allowance, check));
        }

        return new LimitOutcome(true, states);
    }

    private async ValueTask<(LimitState State, bool Admitted, bool Unavailable)> TakeAsync(WindowAllowance allowance, LimitCheck check, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<bool> refill;
            var now = time.GetUtcNow();
            lock (allowance)
            {
                if (now < allowance.LocalOnlyUntil)
                {
                    var fits = allowance.UsedHere + check.Units <= allowance.Limit;
                    allowance.UsedHere += fits ? check.Units : 0;
                    return (new LimitState(check, allowance.Limit - allowance.UsedHere, allowance.Window.End), fits, false);
                }

                if (allowance.Local >= check.Units)
                {
                    allowance.Local -= check.Units;
                    allowance.UsedHere += check.Units;
                    if (allowance.Local * 2 < allowance.LeaseSize && !allowance.Exhausted && allowance.Refill is null)
                    {
                        allowance.Refill = LeaseAsync(allowance, check); // refresh-ahead: the request does not wait
                    }

                    return (new LimitState(check, allowance.Remaining, allowance.Window.End), true, false);
                }

                if (allowance.Exhausted)
                {
                    return (new LimitState(check, 0, allowance.Window.End), false, false);
                }

                refill = allowance.Refill ??= LeaseAsync(allowance, check);
            }

            bool leased;
            try
            {
                leased = await refill.WaitAsync(_options.StorageTimeout, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                leased = false;
            }

            if (!leased && StorageFailed(allowance, check) is { } refusal)
            {
                return refusal;
            }
        }
    }

    /// <summary>Applies the failure policy; null means "try again" (now in local-only mode).</summary>
    private (LimitState, bool, bool)? StorageFailed(WindowAllowance allowance, LimitCheck check)
    {
        if (_options.WhenStorageFails == LimiterFailurePolicy.FailClosed)
        {
            return (new LimitState(check, 0, allowance.Window.End), false, true);
        }

        lock (allowance)
        {
            allowance.LocalOnlyUntil = time.GetUtcNow() + _options.RetryStorageAfter;
        }

        return null;
    }

    /// <summary>Leases more allowance; never throws (a failure is logged and reported as false).</summary>
    private async Task<bool> LeaseAsync(WindowAllowance allowance, LimitCheck check)
    {
        try
        {
            var lease = await store.TakeAsync(check.ScopeId, check.Name, allowance.Window, allowance.Limit, allowance.LeaseSize, CancellationToken.None);
            lock (allowance)
            {
                allowance.Local += lease.Granted;
                allowance.TotalGranted = lease.TotalGranted;
                allowance.Exhausted = lease.Granted < allowance.LeaseSize;
                allowance.Refill = null;
            }

            return true;
        }
        catch (Exception e)
        {
            lock (allowance)
            {
                allowance.Refill = null;
            }

            LogLeaseFailed(logger, check.Scope, check.Name, e.GetType().Name);
            return false;
        }
    }

    /// <summary>Gives back what a refused request took from its other limits (to this instance's allowance).</summary>
    private void Refund(List<(WindowAllowance Allowance, LimitCheck Check)> taken)
    {
        foreach (var (allowance, check) in taken)
        {
            lock (allowance)
            {
                allowance.UsedHere -= check.Units;
                if (time.GetUtcNow() >= allowance.LocalOnlyUntil)
                {
                    allowance.Local += check.Units;
                }
            }
        }
    }

    private WindowAllowance AllowanceFor(LimitCheck check)
    {
        var window = LimitWindow.At(check.Period, time.GetUtcNow());
        var key = KeyOf(check, window);
        if (_allowances.TryGetValue(key, out var existing) && existing.Limit == check.Limit)
        {
            return existing;
        }

        if (_allowances.Count > SweepThreshold)
        {
            Sweep();
        }

        // A changed limit starts a fresh allowance; the shared row keeps counting what was handed out.
        var created = new WindowAllowance(window, check.Limit, WindowAllowance.LeaseSizeFor(check.Limit, _options.LeaseFraction));
        return _allowances.AddOrUpdate(key, created, (_, old) => old.Limit == check.Limit ? old : created);
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, allowance) in _allowances)
        {
            if (allowance.Window.End <= now)
            {
                _allowances.TryRemove(key, out _);
            }
        }
    }

    private static string KeyOf(LimitCheck check, LimitWindow window) => $"{check.ScopeId}|{check.Name}|{window.Id}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not lease {Scope} {Limit} allowance from storage ({Error}); the failure policy applies.")]
    private static partial void LogLeaseFailed(ILogger logger, string scope, string limit, string error);
}
