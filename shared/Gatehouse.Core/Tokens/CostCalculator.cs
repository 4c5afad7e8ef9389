using Gatehouse.Providers;

namespace Gatehouse.Tokens;

/// <summary>What a request costs in USD, in exact decimal arithmetic (prices are per 1M tokens).</summary>
public static class CostCalculator
{
    private const decimal TokensPerPriceUnit = 1_000_000m;

    /// <summary>
    /// The cost of reported usage: uncached prompt tokens at the input price, cached ones at the cached-input price
    /// (the input price when the model has none), completion tokens at the output price.
    /// </summary>
    public static decimal Cost(ModelPrice price, TokenUsage usage)
    {
        var cached = Math.Max(0, Math.Min(usage.CachedPromptTokens, usage.PromptTokens));
        return ((usage.PromptTokens - cached) * price.InputPerMillion
            + cached * (price.CachedInputPerMillion ?? price.InputPerMillion)
            + usage.CompletionTokens * price.OutputPerMillion) / TokensPerPriceUnit;
    }

    /// <summary>The most a request can cost before it is sent: every prompt token uncached, and all the output it allows.</summary>
    public static decimal WorstCase(ModelPrice price, int promptTokens, int maxOutputTokens) =>
        (promptTokens * price.InputPerMillion + maxOutputTokens * price.OutputPerMillion) / TokensPerPriceUnit;
}
