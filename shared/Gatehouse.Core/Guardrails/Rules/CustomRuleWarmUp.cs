using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// Loads and compiles, in the background at start, the rules of every tenant that has some (configured, or stored: the
/// totals rows say which), so that a tenant's first request on a new instance does not wait for them. Compiling a
/// regex on the linear-time engine took 5 to 20 ms here, so a tenant with 100 rules needs about a second, past the
/// detector's time budget: its first requests would be blocked (fail closed) until the rules were ready. Start-up
/// itself does not wait.
/// </summary>
public sealed partial class CustomRuleWarmUp(
    CustomRuleStore store, CustomRuleCache cache, ConfiguredCustomRules configured, ILogger<CustomRuleWarmUp> logger) : IHostedService
{
    /// <summary>The loading started at start-up (for tests to wait on).</summary>
    internal Task Warming { get; private set; } = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Warming = Task.Run(WarmAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync()
    {
        try
        {
            var tenants = new HashSet<string>(configured.Tenants, StringComparer.Ordinal);
            tenants.UnionWith(await store.ListTenantsAsync(CancellationToken.None));
            foreach (var tenant in tenants)
            {
                await cache.ReloadAsync(tenant);
            }

            LogWarmed(logger, tenants.Count);
        }
        catch (Exception e)
        {
            // Each tenant's rules are then loaded by its first request instead.
            LogWarmUpFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Custom guardrail rules of {Tenants} tenants loaded at start")]
    private static partial void LogWarmed(ILogger logger, int tenants);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Loading custom guardrail rules at start failed ({Error}); each tenant's first request loads them")]
    private static partial void LogWarmUpFailed(ILogger logger, string error);
}
