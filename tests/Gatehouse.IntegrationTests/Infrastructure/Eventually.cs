namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>
/// Waits, in real time and with a bound, for something another party does: a request reaching the provider double,
/// or background work (a renewal, a sweep) that a fake clock set off. False when it never happened.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(10);

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan? bound = null) => TrueAsync(() => Task.FromResult(condition()), bound);

    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? bound = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (bound ?? DefaultBound);
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
