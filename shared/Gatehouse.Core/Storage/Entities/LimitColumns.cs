using Gatehouse.Limits;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// The four rate-limit columns that key, key-request and tenant rows all carry. One shape and one mapping, so a
/// fifth kind of limit is added in one place rather than in every store.
/// </summary>
public interface ILimitColumns
{
    int? LimitRpm { get; set; }

    int? LimitTpm { get; set; }

    int? LimitRpd { get; set; }

    int? LimitConcurrency { get; set; }
}

public static class LimitColumns
{
    public static RateLimits ReadLimits(this ILimitColumns row) =>
        new() { Rpm = row.LimitRpm, Tpm = row.LimitTpm, Rpd = row.LimitRpd, Concurrency = row.LimitConcurrency };

    public static void WriteLimits(this ILimitColumns row, RateLimits limits)
    {
        row.LimitRpm = limits.Rpm;
        row.LimitTpm = limits.Tpm;
        row.LimitRpd = limits.Rpd;
        row.LimitConcurrency = limits.Concurrency;
    }
}
