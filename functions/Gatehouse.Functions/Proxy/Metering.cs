using Gatehouse.Providers;
using Gatehouse.Tokens;

namespace Gatehouse.Proxy;

/// <summary>
/// What a request used, and what it cost: the provider's usage when it reported one, otherwise the gateway's own count
/// of the prompt and of the text it relayed; the cost from that usage at the model's price. Safe to run more than once.
/// </summary>
internal static class Metering
{
    public static void Measure(ProxyContext context)
    {
        if (context.Usage is null && context.CountedCompletionTokens is { } completion)
        {
            var prompt = CountPrompt(context);
            context.Usage = new TokenUsage(prompt, completion, prompt + completion);
            context.UsageCounted = true;
        }

        if (context.Usage is { } usage && context.Price is { } price)
        {
            context.CostUsd = CostCalculator.Cost(price, usage);
        }
    }

    /// <summary>The prompt's tokens for the deployment's model, counted once per request by whoever asks first.</summary>
    public static int CountPrompt(ProxyContext context) =>
        context.PromptTokens ??= TokenEstimator.CountPrompt(context.Operation, context.Body!, context.Deployment!.Model);

    /// <summary>The cost as the <c>x-gatehouse-cost-usd</c> header writes it: plain decimal, no exponent, no trailing zeros.</summary>
    public static string Format(decimal costUsd) => costUsd.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture);
}
