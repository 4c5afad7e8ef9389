using Gatehouse.Configuration;
using Gatehouse.Limits;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Budgets;

/// <summary>
/// Every <see cref="BudgetOptions.FlushInterval"/>, reports the spend this instance settled to the shared budget
/// counters (what the admin API reads, and what threshold alerts are judged on), and once more on shutdown. Reporting
/// in the background keeps the request path free of storage writes.
/// </summary>
public sealed partial class BudgetFlusher(RateLimiter limiter, BudgetAlerts alerts, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<BudgetFlusher> logger) : BackgroundService
{
    private readonly TimeSpan _interval = options.Value.Budgets.FlushInterval;

    /// <summary>One report of every budget counter with unreported spend; then the alerts its new totals call for.</summary>
    public async Task FlushOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var counter in await limiter.FlushAsync(BudgetCounter.IsBudget))
        {
            await alerts.ObserveAsync(counter, cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RunSafelyAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            await RunSafelyAsync(stoppingToken);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RunSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushOnceAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // The limiter already counts storage failures; whatever else went wrong, the next tick tries again.
            LogFlushFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting budget spend failed ({Error}); the next interval tries again.")]
    private static partial void LogFlushFailed(ILogger logger, string error);
}
