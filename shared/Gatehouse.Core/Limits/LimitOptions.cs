using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Limits;

/// <summary><c>Gatehouse:Limits</c>: default limits per scope, and how the shared counters behave.</summary>
public sealed class LimitOptions
{
    // Each default is its own instance: the configuration binder writes into these, and must never write into the
    // shared RateLimits.None.

    /// <summary>Applies to every key that sets no limit of its own.</summary>
    public RateLimits Key { get; set; } = new();

    /// <summary>Applies to every tenant (all its keys together) that sets no limit of its own.</summary>
    public RateLimits Tenant { get; set; } = new();

    /// <summary>Applies to each end user within a key.</summary>
    public RateLimits EndUser { get; set; } = new();

    /// <summary>
    /// Each instance takes allowance from the shared counter in leases of this fraction of the limit (at least 1).
    /// Smaller: closer to the limit under spread traffic, more storage writes. Admitted never exceed the limit;
    /// at most instances × lease go unused in a window.
    /// </summary>
    [Range(0.001, 0.5)]
    public double LeaseFraction { get; set; } = 0.02;

    /// <summary>What happens when Table Storage is slow or unreachable.</summary>
    public LimiterFailurePolicy WhenStorageFails { get; set; } = LimiterFailurePolicy.FailOpenLocal;

    /// <summary>How long a request may wait on the shared counter before the failure policy applies.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a storage failure, how long an instance stays on its failure policy before trying storage again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RetryStorageAfter { get; set; } = TimeSpan.FromSeconds(5);
}

public enum LimiterFailurePolicy
{
    /// <summary>Keep serving; each instance enforces the limits alone until storage answers again.</summary>
    FailOpenLocal,

    /// <summary>Refuse requests that need the shared counter (503) until storage answers again.</summary>
    FailClosed,
}
