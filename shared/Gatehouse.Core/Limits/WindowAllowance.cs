namespace Gatehouse.Limits;

/// <summary>
/// This instance's share of one counter in one window: units leased from the shared row and not yet used, whether
/// the shared row is spent, and (after a storage failure, under fail-open) a local-only mode. Guarded by its own lock.
/// </summary>
internal sealed class WindowAllowance(LimitWindow window, long limit, long leaseSize)
{
    public LimitWindow Window { get; } = window;

    public long Limit { get; } = limit;

    public long LeaseSize { get; } = leaseSize;

    /// <summary>Leased here and not yet used.</summary>
    public long Local { get; set; }

    /// <summary>The shared total handed out, as of this instance's last lease.</summary>
    public long TotalGranted { get; set; }

    /// <summary>Admitted by this instance in this window (for local-only mode).</summary>
    public long UsedHere { get; set; }

    public bool Exhausted { get; set; }

    public Task<bool>? Refill { get; set; }

    /// <summary>Until then this instance enforces the limit alone (fail-open after a storage failure).</summary>
    public DateTimeOffset LocalOnlyUntil { get; set; }

    /// <summary>What is left of the limit as far as this instance knows.</summary>
    public long Remaining => Math.Max(0, Limit - TotalGranted + Local);

    public static long LeaseSizeFor(long limit, double fraction) => Math.Max(1, (long)Math.Ceiling(limit * fraction));
}
