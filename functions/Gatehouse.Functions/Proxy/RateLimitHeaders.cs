using System.Globalization;
using Gatehouse.Limits;

namespace Gatehouse.Proxy;

/// <summary>
/// OpenAI's rate-limit headers: limit, remaining and time to reset (<c>"1m0s"</c>, <c>"12.5s"</c>) of the tightest
/// request limit that applied. Remaining is this instance's view: the shared total as of its last lease.
/// </summary>
internal static class RateLimitHeaders
{
    public const string LimitRequests = "x-ratelimit-limit-requests";
    public const string RemainingRequests = "x-ratelimit-remaining-requests";
    public const string ResetRequests = "x-ratelimit-reset-requests";

    public static void Write(HttpResponse response, LimitOutcome outcome, DateTimeOffset now)
    {
        var tightest = outcome.States.Where(s => s.Check.CountsRequests).MinBy(s => s.Remaining);
        if (tightest is null)
        {
            return;
        }

        response.Headers[LimitRequests] = tightest.Check.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers[RemainingRequests] = tightest.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers[ResetRequests] = Duration(tightest.Reset - now);
    }

    /// <summary>Go-style durations as OpenAI sends them: <c>6m0s</c>, <c>1h2m3s</c>, <c>0.5s</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        if (span < TimeSpan.FromMinutes(1))
        {
            return span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        }

        var hours = (int)span.TotalHours;
        var text = hours > 0 ? $"{hours}h{span.Minutes}m" : $"{span.Minutes}m";
        return text + span.Seconds.ToString(CultureInfo.InvariantCulture) + "s";
    }
}
