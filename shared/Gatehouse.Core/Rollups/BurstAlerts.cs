using System.Globalization;
using Gatehouse.Configuration;
using Gatehouse.Messaging;

namespace Gatehouse.Rollups;

/// <summary>
/// The alert a burst counter raises when one transaction takes it from below its threshold to at or above it. Its id
/// is <c>{kind}:{key id or tenant/model}:{window start ticks}</c>, the same however often the crossing is seen, so the alerts worker
/// keeps one per window.
/// </summary>
public static class BurstAlerts
{
    /// <returns>The alert, or null when the count did not cross the threshold in this change.</returns>
    public static AlertMessage? Crossing(string tenant, BurstChange change, long before, AlertOptions options, DateTimeOffset now)
    {
        var settings = change.Kind == BurstKinds.Block ? options.BlockBurst : options.FailoverStorm;
        var after = before + change.Delta;
        if (before >= settings.Threshold || after < settings.Threshold)
        {
            return null;
        }

        var isBlock = change.Kind == BurstKinds.Block;
        var kind = isBlock ? AlertKinds.GuardrailBlockBurst : AlertKinds.FailoverStorm;
        // Key ids are unique across tenants; model aliases are not, so a storm's id names the tenant too.
        var idSubject = isBlock ? change.Subject : $"{tenant}/{change.Subject}";
        var period = Period(settings.Window);
        return new AlertMessage
        {
            Id = $"{kind}:{idSubject}:{change.WindowStart.UtcTicks.ToString(CultureInfo.InvariantCulture)}",
            Kind = kind,
            Time = now,
            Scope = isBlock ? "key" : "model",
            ScopeId = change.Subject,
            Tenant = tenant,
            KeyId = isBlock ? change.Subject : null,
            Period = period,
            PeriodStart = change.WindowStart,
            Count = (int)Math.Min(after, int.MaxValue),
            Message = isBlock
                ? $"Key {change.Subject} of tenant {tenant} had {after} guardrail blocks in the {period} window from {change.WindowStart:yyyy-MM-dd'T'HH:mm'Z'} (threshold {settings.Threshold})."
                : $"Model {change.Subject} of tenant {tenant} failed over {after} times in the {period} window from {change.WindowStart:yyyy-MM-dd'T'HH:mm'Z'} (threshold {settings.Threshold}).",
        };
    }

    /// <summary>A window as people write it: <c>5m</c>, <c>1h</c>, <c>90s</c>.</summary>
    public static string Period(TimeSpan window) => window switch
    {
        { TotalHours: var h } when h >= 1 && window.Ticks % TimeSpan.TicksPerHour == 0 => $"{(long)h}h",
        { TotalMinutes: var m } when window.Ticks % TimeSpan.TicksPerMinute == 0 => $"{(long)m}m",
        _ => $"{(long)window.TotalSeconds}s",
    };
}
