using Gatehouse.Tokens;

namespace Gatehouse.Tests.Tokens;

public sealed class PricingOptionsTests
{
    [Fact]
    public void Validate_GoodPrice_HasNoProblems()
    {
        var options = new PricingOptions { Models = { ["gpt-4o-mini"] = new() { Input = 0.15m, CachedInput = 0.075m, Output = 0.6m, MaxOutputTokens = 16384 } } };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneWithItsPath()
    {
        var options = new PricingOptions
        {
            Models =
            {
                ["a"] = new() { CachedInput = -1m, MaxOutputTokens = 0 },
                ["b"] = new() { Input = 20_000m, Output = -0.5m },
            },
        };

        string[] expected =
        [
            "Gatehouse:Pricing:Models:a:Input: is required",
            "Gatehouse:Pricing:Models:a:CachedInput: must be between",
            "Gatehouse:Pricing:Models:a:Output: is required",
            "Gatehouse:Pricing:Models:a:MaxOutputTokens: must be between",
            "Gatehouse:Pricing:Models:b:Input: must be between",
            "Gatehouse:Pricing:Models:b:Output: must be between",
        ];
        var errors = options.Validate().ToList();

        Assert.Equal(expected.Length, errors.Count);
        Assert.All(expected.Zip(errors), pair => Assert.StartsWith(pair.First, pair.Second, StringComparison.Ordinal));
    }
}
