using System.Globalization;
using Gatehouse.Limits;

namespace Gatehouse.Proxy;

/// <summary>
/// OpenAI's rate-limit headers: limit, remaining and time to reset (<c>"1m0s"</c>, <c>"12.5s"</c>) of the tightest
/// request limit and of the tightest token limit that applied. Remaining is this instance's view: the shared total as
/// of its last lease.
/// </summary>
internal static class RateLimitHeaders
{
    public const string LimitRequests = "x-ratelimit-limit-requests";
    public const string RemainingRequests = "x-ratelimit-remaining-requests";
    public const string ResetRequests = "x-ratelimit-reset-requests";
    public const string LimitTokens = "x-ratelimit-limit-tokens";
    public const string RemainingTokens = "x-ratelimit-remaining-tokens";
    public const string ResetTokens = "x-ratelimit-reset-tokens";

    public static void Write(HttpResponse response, LimitOutcome outcome, DateTimeOffset now)
    {
        if (outcome.States.Where(s => s.Check.CountsRequests).MinBy(s => s.Remaining) is { } requests)
        {
            Write(response.Headers, requests, now, LimitRequests, RemainingRequests, ResetRequests);
        }

        if (outcome.States.Where(s => !s.Check.CountsRequests).MinBy(s => s.Remaining) is { } tokens)
        {
            Write(response.Headers, tokens, now, LimitTokens, RemainingTokens, ResetTokens);
        }
    }

    private static void Write(IHeaderDictionary headers, LimitState state, DateTimeOffset now, string limit, string remaining, string reset)
    {
        headers[limit] = state.Check.Limit.ToString(CultureInfo.InvariantCulture);
        headers[remaining] = state.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[reset] = Duration(state.Reset - now);
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
