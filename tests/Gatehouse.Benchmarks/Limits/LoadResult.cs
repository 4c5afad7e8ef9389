namespace Gatehouse.Benchmarks.Limits;

/// <summary>
/// One load phase. <see cref="MostInAKeyWindow"/> and <see cref="MostInATenantWindow"/> are the most requests
/// admitted for one key (or the tenant) in one minute window, across all instances: never above the limit.
/// </summary>
public sealed record LoadResult(string Phase, TimeSpan Elapsed, long Admitted, long Refused, long Unavailable,
    long MostInAKeyWindow, long MostInATenantWindow, StorageOperations Storage)
{
    public long Requests => Admitted + Refused + Unavailable;

    public double PerSecond(long count) => count / Elapsed.TotalSeconds;
}
