namespace Gatehouse.Tokens;

/// <summary>
/// One price as config and the price file write it, USD per 1M tokens:
/// <c>{ "Input": 0.15, "CachedInput": 0.075, "Output": 0.6, "MaxOutputTokens": 16384 }</c>.
/// </summary>
public sealed class ModelPriceOptions
{
    /// <summary>A price above this (USD per 1M tokens) is taken for a mistake in units, not a price.</summary>
    public const decimal MaxPricePerMillion = 10_000m;
    public const int MaxOutputTokensLimit = 10_000_000;

    public decimal? Input { get; set; }

    public decimal? CachedInput { get; set; }

    public decimal? Output { get; set; }

    public int? MaxOutputTokens { get; set; }

    /// <summary>Every problem with this price, each prefixed with <paramref name="path"/>; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string path)
    {
        var errors = new List<string>();
        CheckPrice(path, "Input", Input, required: true, errors);
        CheckPrice(path, "CachedInput", CachedInput, required: false, errors);
        CheckPrice(path, "Output", Output, required: true, errors);
        if (MaxOutputTokens is < 1 or > MaxOutputTokensLimit)
        {
            errors.Add($"{path}:MaxOutputTokens: must be between 1 and {MaxOutputTokensLimit}.");
        }

        return errors;
    }

    /// <summary>The price, for an entry that <see cref="Validate"/> found no problem with.</summary>
    public ModelPrice ToModelPrice() =>
        new(Input ?? throw new InvalidOperationException("Input is required."), CachedInput,
            Output ?? throw new InvalidOperationException("Output is required."), MaxOutputTokens);

    private static void CheckPrice(string path, string name, decimal? value, bool required, List<string> errors)
    {
        if (value is null && required)
        {
            errors.Add($"{path}:{name}: is required (USD per 1M tokens).");
        }
        else if (value is < 0 or > MaxPricePerMillion)
        {
            errors.Add($"{path}:{name}: must be between 0 and {MaxPricePerMillion} USD per 1M tokens.");
        }
    }
}
