using Gatehouse.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Limits;

/// <summary>
/// Every <see cref="ConcurrencyOptions.RenewInterval"/>, renews this instance's concurrency claims and shrinks each to
/// the slots in use, so that slots freed here go back to the other instances, and claims with nothing in use are
/// removed. An instance that stops renewing (crashed, cut off) loses its claims after <see cref="ConcurrencyOptions.ClaimTtl"/>.
/// </summary>
public sealed partial class ConcurrencyRenewer(ConcurrencyLimiter limiter, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<ConcurrencyRenewer> logger) : BackgroundService
{
    private readonly TimeSpan _interval = options.Value.Limits.Concurrency.RenewInterval;
    private PeriodicTimer? _timer;

    /// <summary>One renewal of every claim; storage failures are recorded per scope (failure policy), not thrown.</summary>
    public Task RenewOnceAsync(CancellationToken cancellationToken) => limiter.RenewAsync(cancellationToken);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Made here, not in ExecuteAsync (which runs on the thread pool), so the first renewal is due one interval
        // after start exactly.
        _timer = new PeriodicTimer(_interval, time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _timer!.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RenewOnceAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Only a bug gets here; the next renewal tries again, as claims must not lapse because of one scope.
                    LogRenewFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping. Claims are left to expire: requests may still be in flight while the host shuts down.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewing concurrency claims failed; the next renewal tries again.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);
}
