using System.Text.Json.Nodes;
using Gatehouse.Providers;
using Gatehouse.Tokens;

namespace Gatehouse.Tests.Tokens;

public sealed class CostCalculatorTests
{
    private static readonly ModelPrice Mini = new(InputPerMillion: 0.15m, CachedInputPerMillion: 0.075m, OutputPerMillion: 0.60m, MaxOutputTokens: 16384);

    [Fact]
    public void Cost_CachedTokensAtTheCachedRate_ExactDecimal()
    {
        // (1,134 × 0.15 + 100 × 0.075 + 567 × 0.60) / 1,000,000 = (170.1 + 7.5 + 340.2) / 1,000,000
        var usage = new TokenUsage(1234, 567, 1801) { CachedPromptTokens = 100 };

        Assert.Equal(0.0005178m, CostCalculator.Cost(Mini, usage));
    }

    [Fact]
    public void Cost_NoCachedPrice_CachedTokensPayTheInputPrice()
    {
        // (600 × 10 + 400 × 10 + 10 × 30) / 1,000,000 = 10,300 / 1,000,000
        var price = new ModelPrice(10m, null, 30m, null);

        Assert.Equal(0.0103m, CostCalculator.Cost(price, new TokenUsage(1000, 10, 1010) { CachedPromptTokens = 400 }));
    }

    [Fact]
    public void Cost_MoreCachedThanPrompt_IsCappedAtThePrompt()
    {
        // (0 × 0.15 + 50 × 0.075 + 0 × 0.60) / 1,000,000
        Assert.Equal(0.00000375m, CostCalculator.Cost(Mini, new TokenUsage(50, 0, 50) { CachedPromptTokens = 80 }));
    }

    [Fact]
    public void Cost_FromOpenAIUsage_ReadsCachedTokens()
    {
        var usage = TokenUsage.FromOpenAI(JsonNode.Parse("""
            {"prompt_tokens":1234,"completion_tokens":567,"total_tokens":1801,"prompt_tokens_details":{"cached_tokens":100,"audio_tokens":0}}
            """));

        Assert.NotNull(usage);
        Assert.Equal(100, usage.CachedPromptTokens);
        Assert.Equal(0.0005178m, CostCalculator.Cost(Mini, usage));
        Assert.Equal(0, TokenUsage.FromOpenAI(JsonNode.Parse("""{"prompt_tokens":5,"completion_tokens":1}"""))!.CachedPromptTokens);
    }

    [Fact]
    public void WorstCase_EveryPromptTokenUncached_AndAllTheAllowedOutput()
    {
        // (1,234 × 0.15 + 16,384 × 0.60) / 1,000,000 = (185.1 + 9,830.4) / 1,000,000
        Assert.Equal(0.0100155m, CostCalculator.WorstCase(Mini, 1234, 16384));
    }
}
