using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Limits;

/// <summary><c>Gatehouse:Limits:Concurrency</c>: how gateway instances share a concurrency limit's in-flight slots.</summary>
public sealed class ConcurrencyOptions
{
    /// <summary>
    /// How often each instance renews its claims and shrinks each one to the slots it has in use, so that surplus
    /// slots go back to the other instances. Shorter: freed slots move sooner, more storage writes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a claim lasts without renewal: a crashed instance's slots come back after this. Must exceed
    /// <see cref="RenewInterval"/>, with room for a renewal or two to fail.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Slots an instance claims beyond those in use and waiting, as a fraction of the limit (at least 1). Larger:
    /// fewer storage writes as load rises, but more slots held idle that other instances cannot use until a renewal.
    /// </summary>
    [Range(0.001, 0.5)]
    public double ClaimFraction { get; set; } = 0.05;

    /// <summary>
    /// After a claim finds the scope full, how long this instance refuses it without asking storage again (slots it
    /// frees itself are still reused at once). Bounds storage reads when a scope is saturated.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RecheckFullAfter { get; set; } = TimeSpan.FromMilliseconds(500);
}
