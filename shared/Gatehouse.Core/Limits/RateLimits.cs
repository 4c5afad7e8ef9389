using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Limits;

/// <summary>
/// Limits on one scope (a key, a tenant, or an end user within a key). Null means "no limit of this kind here".
/// Set on keys and tenants through the admin API; defaults per scope come from <c>Gatehouse:Limits</c>.
/// </summary>
public sealed record RateLimits
{
    public const int Max = 1_000_000_000;

    public static RateLimits None { get; } = new();

    /// <summary>Requests per minute.</summary>
    [Range(1, Max)]
    public int? Rpm { get; init; }

    /// <summary>Tokens (input + output) per minute.</summary>
    [Range(1, Max)]
    public int? Tpm { get; init; }

    /// <summary>Requests per UTC day.</summary>
    [Range(1, Max)]
    public int? Rpd { get; init; }

    /// <summary>Requests in flight at once.</summary>
    [Range(1, Max)]
    public int? Concurrency { get; init; }

    public bool IsEmpty => Rpm is null && Tpm is null && Rpd is null && Concurrency is null;

    /// <summary>This scope's own values where set, else <paramref name="defaults"/>.</summary>
    public RateLimits Or(RateLimits defaults) => new()
    {
        Rpm = Rpm ?? defaults.Rpm,
        Tpm = Tpm ?? defaults.Tpm,
        Rpd = Rpd ?? defaults.Rpd,
        Concurrency = Concurrency ?? defaults.Concurrency,
    };
}
