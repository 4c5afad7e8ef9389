using Gatehouse.Budgets;
using Gatehouse.Errors;
using Gatehouse.Providers;
using Gatehouse.Tokens;

namespace Gatehouse.Proxy;

/// <summary>
/// Watches a stream as it is relayed: counts its completion tokens from the text (for when the provider reports no
/// usage), and keeps its running cost inside the budget reservation, reserving more a step ahead when it runs past.
/// When no more can be reserved, the stream must stop before the chunk that would pass the budget.
/// </summary>
internal sealed class StreamMeter(ProxyContext context, BudgetGuard guard)
{
    /// <summary>Output tokens reserved at a time once a stream has run past its reservation.</summary>
    public const int StepTokens = 256;

    private readonly StreamedTokenCounter _counter = new(context.Deployment!.Model);

    /// <summary>Null to relay the chunk; otherwise the error that ends the stream instead.</summary>
    public async ValueTask<GatewayError?> MeterAsync(ChatStreamChunk chunk)
    {
        if (chunk.Usage is { } usage)
        {
            context.Usage = usage;
            return null;
        }

        _counter.Add(chunk.Data.Span);
        var cut = await CheckBudgetAsync();
        if (cut is null)
        {
            // Only what reached the client counts as used: a chunk cut off here was never relayed.
            context.CountedCompletionTokens = _counter.CompletionTokens;
        }

        return cut;
    }

    private async ValueTask<GatewayError?> CheckBudgetAsync()
    {
        if (context.Budget is not { } reservation || context.Price is not { } price)
        {
            return null;
        }

        var prompt = Metering.CountPrompt(context);
        var running = UsdUnits.FromUsd(CostCalculator.Cost(price, new TokenUsage(prompt, _counter.CompletionTokens, prompt + _counter.CompletionTokens)));
        if (running <= reservation.Units)
        {
            return null;
        }

        // A step ahead, so that a long stream asks the counters once per step rather than once per chunk; near the end
        // of a budget, just what this chunk needs.
        var shortfall = running - reservation.Units;
        var step = UsdUnits.FromUsd(CostCalculator.WorstCase(price, 0, StepTokens));
        var outcome = await guard.ExtendAsync(reservation, shortfall + step, context.Aborted);
        if (!outcome.Admitted && !outcome.StorageUnavailable)
        {
            outcome = await guard.ExtendAsync(reservation, shortfall, context.Aborted);
        }

        if (outcome.Admitted)
        {
            return null;
        }

        if (outcome.StorageUnavailable)
        {
            return GatewayErrors.ServiceUnavailable("Budget checking");
        }

        var refused = reservation.Scopes.First(scope => scope.ScopeId == outcome.Refused!.Check.ScopeId);
        return GatewayErrors.BudgetExhaustedMidStream(refused.Scope, refused.Budget);
    }
}
