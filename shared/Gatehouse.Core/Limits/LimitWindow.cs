using System.Globalization;

namespace Gatehouse.Limits;

/// <summary>Fixed UTC windows: a minute for rpm/tpm, a day for rpd. Ids sort and read as times.</summary>
public enum LimitPeriod
{
    Minute,
    Day,
}

/// <summary>One window of one period: its id (a table RowKey) and when it ends.</summary>
public readonly record struct LimitWindow(LimitPeriod Period, DateTimeOffset Start)
{
    public DateTimeOffset End => Period == LimitPeriod.Minute ? Start.AddMinutes(1) : Start.AddDays(1);

    public string Id => Period == LimitPeriod.Minute
        ? "m" + Start.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)
        : "d" + Start.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static LimitWindow At(LimitPeriod period, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var start = period == LimitPeriod.Minute
            ? new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc)
            : utc.Date;
        return new LimitWindow(period, new DateTimeOffset(start));
    }
}
