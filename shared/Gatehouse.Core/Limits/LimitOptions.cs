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

    /// <summary>Whether an end user's limits count per key (the same user id under two keys is two users) or per tenant.</summary>
    public EndUserScope EndUserScope { get; set; } = EndUserScope.Key;

    /// <summary>
    /// Each instance takes allowance from the shared counter in leases of this fraction of the limit (at least 1).
    /// Smaller: closer to the limit under spread traffic, more storage writes. Admitted never exceed the limit;
    /// at most instances × lease go unused in a window.
    /// </summary>
    [Range(0.001, 0.5)]
    public double LeaseFraction { get; set; } = 0.02;

    /// <summary>
    /// Output tokens charged up front to token limits when a request sets neither <c>max_completion_tokens</c> nor
    /// <c>max_tokens</c>; the real usage corrects the charge after the response.
    /// </summary>
    [Range(1, 1_000_000)]
    public int DefaultMaxOutputTokens { get; set; } = 1024;

    /// <summary>What happens when Table Storage is slow or unreachable.</summary>
    public LimiterFailurePolicy WhenStorageFails { get; set; } = LimiterFailurePolicy.FailOpenLocal;

    /// <summary>How long a request may wait on the shared counter before the failure policy applies.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a storage failure, how long an instance stays on its failure policy before trying storage again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RetryStorageAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often each instance deletes ended counter rows from <c>RateCounters</c>, plus up to a quarter of this
    /// again at random so instances do not sweep together. The first sweep comes one interval after start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after its window ends a counter row is kept: room for clock skew between instances.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>Gatehouse:Limits:Concurrency</c>: how instances share in-flight slots.</summary>
    public ConcurrencyOptions Concurrency { get; set; } = new();
}

public enum LimiterFailurePolicy
{
    /// <summary>Keep serving; each instance enforces the limits alone until storage answers again.</summary>
    FailOpenLocal,

    /// <summary>Refuse requests that need the shared counter (503) until storage answers again.</summary>
    FailClosed,
}

public enum EndUserScope
{
    /// <summary>An end user is counted within each key: apps sharing a tenant do not share their users' limits.</summary>
    Key,

    /// <summary>An end user is counted across all keys of the tenant (apps of one tenant share a user directory).</summary>
    Tenant,
}
