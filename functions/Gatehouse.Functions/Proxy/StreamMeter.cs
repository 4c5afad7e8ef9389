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
    private int? _beforeCut;
    private bool _metered;

    /// <summary>Null to relay the chunk; otherwise the error that ends the stream instead.</summary>
    public async ValueTask<GatewayError?> MeterAsync(ChatStreamChunk chunk)
    {
        if (chunk.Usage is { } usage)
        {
            context.Usage = usage;
            return null;
        }

        _metered = true;
        if (context.Budget is not { } reservation || context.Price is not { } price)
        {
            _counter.Add(chunk.Data.Span); // only counted: nothing can cut this stream
            return null;
        }

        var relayed = _counter.CompletionTokens;
        _counter.Add(chunk.Data.Span);
        var cut = await CheckBudgetAsync(reservation, price);
        if (cut is not null)
        {
            _beforeCut = relayed; // the chunk cut off here was never relayed, so it does not count as used
        }

        return cut;
    }

    /// <summary>
    /// The stream is over: the completion tokens the client was sent become the request's count, if it was sent any
    /// chunk at all (a stream that failed before its first has nothing to count).
    /// </summary>
    public void Complete()
    {
        if (_metered)
        {
            context.CountedCompletionTokens = _beforeCut ?? _counter.CompletionTokens;
        }
    }

    private async ValueTask<GatewayError?> CheckBudgetAsync(BudgetReservation reservation, ModelPrice price)
    {
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
