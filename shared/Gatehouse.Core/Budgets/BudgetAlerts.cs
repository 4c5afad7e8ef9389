using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Gatehouse.Configuration;
using Gatehouse.Limits;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Budgets;

/// <summary>
/// Sends one alert per budget, period and threshold (<see cref="BudgetOptions.AlertThresholds"/>) when spend crosses it,
/// however many instances see the crossing: the first to insert a marker row in <c>RateCounters</c> sends it. Spend
/// is read as reported to the shared counter; a request refused for the budget counts as crossing 100 %.
/// </summary>
public sealed partial class BudgetAlerts(StorageClients storage, AlertPublisher publisher, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<BudgetAlerts> logger)
{
    private const int ForgetThreshold = 10_000;
    private readonly TableClient _table = storage.Table(TableNames.RateCounters);
    private readonly int[] _thresholds = [.. options.Value.Budgets.AlertThresholds.Distinct().Order()];
    private readonly ConcurrentDictionary<string, BudgetScope> _scopes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string ScopeId, string Counter, DateTimeOffset WindowStart, int Percent), DateTimeOffset> _crossed = new();

    /// <summary>Remembers who a budget belongs to, for the alert text; called per reservation, cheap when known.</summary>
    public void Remember(IReadOnlyList<BudgetScope> scopes)
    {
        foreach (var scope in scopes)
        {
            if (!_scopes.TryGetValue(scope.ScopeId, out var known) || known != scope)
            {
                _scopes[scope.ScopeId] = scope;
            }
        }
    }

    /// <summary>After spend was reported: alerts for every threshold the window's spend has reached.</summary>
    public Task ObserveAsync(FlushedAllowance counter, CancellationToken cancellationToken) =>
        _scopes.TryGetValue(counter.ScopeId, out var scope)
            ? CrossAsync(scope, counter.Window, counter.Spent, (decimal)counter.Spent / counter.Limit, cancellationToken)
            : Task.CompletedTask;

    /// <summary>A request was refused for this budget: it is spent, as far as its callers are concerned.</summary>
    public Task ExhaustedAsync(BudgetScope scope, long spentUnits, CancellationToken cancellationToken) =>
        CrossAsync(scope, LimitWindow.At(BudgetCounter.Window(scope.Budget.Period), time.GetUtcNow()), spentUnits, 1m, cancellationToken);

    private async Task CrossAsync(BudgetScope scope, LimitWindow window, long spentUnits, decimal ratio, CancellationToken cancellationToken)
    {
        var counter = BudgetCounter.Name(scope.Budget.Period);
        foreach (var percent in _thresholds)
        {
            if (ratio * 100 < percent || !_crossed.TryAdd((scope.ScopeId, counter, window.Start, percent), window.End))
            {
                continue;
            }

            try
            {
                if (await ClaimAsync(scope.ScopeId, $"alert-{counter}-{window.Id}-{percent}", window, cancellationToken))
                {
                    publisher.TryPublish(Alert(scope, window, percent, spentUnits));
                }
            }
            catch (Exception e)
            {
                // Not sent and not known to be sent elsewhere: forget the crossing so the next observation tries again.
                _crossed.TryRemove((scope.ScopeId, counter, window.Start, percent), out _);
                LogClaimFailed(logger, scope.Scope, percent, e.GetType().Name);
            }
        }

        Forget();
    }

    /// <summary>True for the one instance whose marker insert wins; the others see 409.</summary>
    private async Task<bool> ClaimAsync(string scopeId, string rowKey, LimitWindow window, CancellationToken cancellationToken)
    {
        try
        {
            // WindowEnd lets the counter sweeper delete the marker with the period's counters.
            await _table.AddEntityAsync(new TableEntity(scopeId, rowKey) { ["WindowEnd"] = window.End }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private AlertMessage Alert(BudgetScope scope, LimitWindow window, int percent, long spentUnits)
    {
        var spent = UsdUnits.ToUsd(spentUnits);
        var who = scope.Scope switch
        {
            "key" => $"Key {scope.KeyId}",
            "tenant" => $"Tenant {scope.Tenant}",
            _ => $"An end user of {(scope.KeyId is null ? "tenant " + scope.Tenant : "key " + scope.KeyId)}",
        };
        return new AlertMessage
        {
            Id = $"{scope.ScopeId}:{BudgetCounter.Name(scope.Budget.Period)}:{window.Id}:{percent}",
            Kind = AlertKinds.BudgetThreshold,
            Time = time.GetUtcNow(),
            Scope = scope.Scope,
            ScopeId = scope.ScopeId,
            Tenant = scope.Tenant,
            KeyId = scope.KeyId,
            ThresholdPercent = percent,
            BudgetUsd = scope.Budget.Usd,
            SpentUsd = spent,
            Period = Budget.PeriodName(scope.Budget.Period),
            PeriodStart = window.Start,
            Message = string.Create(CultureInfo.InvariantCulture,
                $"{who} reached {percent}% of its budget of {scope.Budget} (${spent:0.00####} spent); it resets at {window.End:yyyy-MM-dd'T'HH:mm:ss'Z'}."),
        };
    }

    private void Forget()
    {
        if (_crossed.Count <= ForgetThreshold)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (key, windowEnd) in _crossed)
        {
            if (windowEnd <= now)
            {
                _crossed.TryRemove(key, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a {Scope} budget crossing of {Percent}% ({Error}); it is tried again with the next report.")]
    private static partial void LogClaimFailed(ILogger logger, string scope, int percent, string error);
}
