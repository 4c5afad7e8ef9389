namespace Gatehouse.Tokens;

/// <summary>
/// <c>Gatehouse:Pricing</c>: prices that override or add to the price book shipped in the repo (Tokens/prices.json),
/// by upstream model name, e.g. <c>Gatehouse:Pricing:Models:gpt-4o-mini</c>. Validated at start.
/// </summary>
public sealed class PricingOptions
{
    public Dictionary<string, ModelPriceOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every problem with the configured prices.</summary>
    public IEnumerable<string> Validate() =>
        Models.SelectMany(entry => string.IsNullOrWhiteSpace(entry.Key)
            ? [$"Gatehouse:Pricing:Models: a model name is empty."]
            : entry.Value.Validate($"Gatehouse:Pricing:Models:{entry.Key}"));
}
