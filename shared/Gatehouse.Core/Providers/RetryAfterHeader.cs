namespace Gatehouse.Providers;

/// <summary>Reads <c>Retry-After</c> (seconds or an HTTP date) and OpenAI's <c>retry-after-ms</c>.</summary>
public static class RetryAfterHeader
{
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    public static TimeSpan? Read(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0)
        {
            return Clamp(TimeSpan.FromMilliseconds(milliseconds));
        }

        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return Clamp(delta);
        }

        if (retryAfter?.Date is { } date && response.Headers.Date is { } now)
        {
            return Clamp(date - now);
        }

        return null;
    }

    private static TimeSpan Clamp(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value > Max ? Max : value;
}
