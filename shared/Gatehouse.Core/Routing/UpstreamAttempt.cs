namespace Gatehouse.Routing;

/// <summary>
/// One try of one deployment, as the audit event lists it: where, how it ended (<see cref="AttemptOutcomes"/>), the
/// provider's status, and how long it took to answer or fail.
/// </summary>
public sealed record UpstreamAttempt(string Deployment, string Outcome, int? Status, double DurationMs)
{
    /// <summary>The wait the provider asked for (<c>Retry-After</c>), if it did.</summary>
    public double? RetryAfterMs { get; init; }

    /// <summary>False for a deployment skipped without a call (breaker open, request it cannot express).</summary>
    public bool Sent => Outcome is not (AttemptOutcomes.CircuitOpen or AttemptOutcomes.Unsupported);
}
