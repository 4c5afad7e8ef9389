namespace Gatehouse.Limits;

/// <summary>One limit to enforce on one request: which scope, which counter, how much it allows per window.</summary>
/// <param name="Scope">e.g. <c>key</c>, <c>tenant</c>, <c>user</c> — named in the 429 message.</param>
/// <param name="ScopeId">The counter's partition, e.g. <c>key:key_abc</c>.</param>
/// <param name="Name">The limit, as set: <c>rpm</c>, <c>rpd</c>, <c>tpm</c>, or a budget counter (<c>usd-day</c>, <c>usd-month</c>).</param>
public sealed record LimitCheck(string Scope, string ScopeId, string Name, LimitPeriod Period, long Limit, long Units)
{
    public bool CountsRequests => Name is "rpm" or "rpd";

    /// <summary>The lease size as a fraction of <see cref="Limit"/>; null for <see cref="LimitOptions.LeaseFraction"/>.</summary>
    public double? LeaseFraction { get; init; }
}
