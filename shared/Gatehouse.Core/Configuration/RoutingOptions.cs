using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Configuration;

/// <summary>
/// How upstream calls are retried, broken and bounded (<c>Gatehouse:Routing</c>). One resilience pipeline is built from
/// these per deployment; each provider's <see cref="ProviderOptions.ResponseHeadersTimeout"/> is its per-attempt timeout.
/// </summary>
public sealed class RoutingOptions
{
    /// <summary>
    /// Bound on everything before the answer starts: every attempt, backoff and failover together. Once the first byte has
    /// gone to the client the provider's <see cref="ProviderOptions.RequestTimeout"/> and idle timeout take over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public RetryOptions Retry { get; set; } = new();

    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();
}

/// <summary>Retries of one deployment, before failing over to the next.</summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt (0 turns retrying off; failover still happens).</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>The first backoff; each retry doubles it, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest <c>Retry-After</c> the gateway waits out on the same deployment. A provider asking for more is not
    /// retried: the request fails over at once (or, with nowhere to go, the client gets the wait to do itself).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>A breaker per deployment: opens on a failure ratio, probes with one call when the break ends.</summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>Failures (429, 408, 5xx, timeouts, connection errors) over calls in the sampling window that open it.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls the window must hold before the ratio counts, so one failure on a quiet deployment opens nothing.</summary>
    [Range(2, int.MaxValue)]
    public int MinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker refuses calls before letting one probe through (half-open).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
