using Gatehouse.Tokens;

namespace Gatehouse.Tests.Tokens;

public sealed class TokenEncodingTests
{
    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4o-mini-2024-07-18")]
    [InlineData("GPT-4O-2024-08-06")]
    [InlineData("chatgpt-4o-latest")]
    [InlineData("gpt-4.1-nano")]
    [InlineData("gpt-4.5-preview")]
    [InlineData("gpt-5")]
    [InlineData("gpt-5-mini-2025-08-07")]
    [InlineData("o1")]
    [InlineData("o3-mini")]
    [InlineData("o4-mini-2025-04-16")]
    [InlineData("gpt-oss-120b")]
    [InlineData("openai/gpt-4o")]
    [InlineData("ft:gpt-4o-mini-2024-07-18:acme::abc123")]
    public void For_O200kFamilies_IsO200kBase(string model) => Assert.Same(TokenEncoding.O200kBase, TokenEncoding.For(model));

    [Theory]
    [InlineData("gpt-4")]
    [InlineData("gpt-4-0613")]
    [InlineData("gpt-4-32k")]
    [InlineData("gpt-4-turbo-2024-04-09")]
    [InlineData("gpt-3.5-turbo")]
    [InlineData("gpt-35-turbo")]
    [InlineData("text-embedding-3-small")]
    [InlineData("TEXT-EMBEDDING-3-LARGE")]
    [InlineData("text-embedding-ada-002")]
    public void For_Cl100kFamilies_IsCl100kBase(string model) => Assert.Same(TokenEncoding.Cl100kBase, TokenEncoding.For(model));

    [Theory]
    [InlineData("claude-sonnet-4")]
    [InlineData("gemini-2.5-pro")]
    [InlineData("llama-3")]
    [InlineData("o1x")]
    [InlineData("gpt-40")]
    [InlineData("")]
    public void For_OtherFamilies_IsAnApproximation(string model)
    {
        var encoding = TokenEncoding.For(model);

        Assert.Same(TokenEncoding.Approximate, encoding);
        Assert.True(encoding.IsApproximate);
        Assert.Equal(TokenEncoding.O200kBaseName, encoding.Name);
    }

    [Fact]
    public void Encodings_CountTheCookbookExamples_AndDiffer()
    {
        // openai-cookbook, How_to_count_tokens_with_tiktoken.ipynb, section 5: cl100k_base counts.
        Assert.Equal(6, TokenEncoding.Cl100kBase.CountRaw("antidisestablishmentarianism"));
        Assert.Equal(7, TokenEncoding.Cl100kBase.CountRaw("2 + 2 = 4"));
        Assert.Equal(9, TokenEncoding.Cl100kBase.CountRaw("お誕生日おめでとう"));
        Assert.NotEqual(9, TokenEncoding.O200kBase.CountRaw("お誕生日おめでとう"));
    }

    [Theory]
    [InlineData(10, 12)]
    [InlineData(11, 14)]
    [InlineData(0, 0)]
    public void Scale_Approximate_RoundsUp_ExactUnchanged(long raw, int approximate)
    {
        Assert.Equal(approximate, TokenEncoding.Approximate.Scale(raw));
        Assert.Equal((int)raw, TokenEncoding.O200kBase.Scale(raw));
    }
}
