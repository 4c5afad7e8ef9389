using System.Text.Json.Nodes;
using Gatehouse.Limits;

namespace Gatehouse.Admin;

/// <summary>
/// <c>"limits": {"rpm","tpm","rpd","concurrency"}</c> in a request body, checked by <see cref="KeyFieldRules.Limits"/>.
/// Values bind as 64-bit so that a number past the 32-bit range still reaches that check and gets
/// <c>invalid_value</c> naming the field, instead of a type error.
/// </summary>
internal sealed record LimitsBody(long? Rpm, long? Tpm, long? Rpd, long? Concurrency)
{
    public const string Field = "limits";

    /// <summary>On create: the values given; a kind absent or null has no limit of its own (the default applies).</summary>
    public RateLimits ToLimits() => new() { Rpm = (int?)Rpm, Tpm = (int?)Tpm, Rpd = (int?)Rpd, Concurrency = (int?)Concurrency };

    /// <summary>
    /// On PATCH: only the kinds present in the raw <c>"limits"</c> object change, a null removes that limit, and
    /// <c>"limits": null</c> removes them all. Without <c>"limits"</c> the current ones stay.
    /// </summary>
    public static RateLimits Patch(RateLimits current, LimitsBody? body, JsonObject raw)
    {
        if (!raw.TryGetPropertyValue(Field, out var node))
        {
            return current;
        }

        if (node is not JsonObject given || body is null)
        {
            return RateLimits.None;
        }

        return new RateLimits
        {
            Rpm = given.ContainsKey("rpm") ? (int?)body.Rpm : current.Rpm,
            Tpm = given.ContainsKey("tpm") ? (int?)body.Tpm : current.Tpm,
            Rpd = given.ContainsKey("rpd") ? (int?)body.Rpd : current.Rpd,
            Concurrency = given.ContainsKey("concurrency") ? (int?)body.Concurrency : current.Concurrency,
        };
    }
}
