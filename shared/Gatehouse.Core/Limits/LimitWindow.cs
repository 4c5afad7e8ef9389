using System.Globalization;

namespace Gatehouse.Limits;

/// <summary>Fixed UTC windows: a minute for rpm/tpm, a day for rpd, a day or month for budgets. Ids sort and read as times.</summary>
public enum LimitPeriod
{
    Minute,
    Day,
    Month,
}

/// <summary>One window of one period: its id (a table RowKey) and when it ends.</summary>
public readonly record struct LimitWindow(LimitPeriod Period, DateTimeOffset Start)
{
    public DateTimeOffset End => Period switch
    {
        LimitPeriod.Minute => Start.AddMinutes(1),
        LimitPeriod.Day => Start.AddDays(1),
        _ => Start.AddMonths(1),
    };

    public string Id => Period switch
    {
        LimitPeriod.Minute => "m" + Start.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture),
        LimitPeriod.Day => "d" + Start.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        _ => "M" + Start.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture),
    };

    public static LimitWindow At(LimitPeriod period, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var start = period switch
        {
            LimitPeriod.Minute => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc),
            LimitPeriod.Day => utc.Date,
            _ => new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        return new LimitWindow(period, new DateTimeOffset(start));
    }
}
