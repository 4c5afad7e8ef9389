using Gatehouse.Keys;

namespace Gatehouse.Tests.Keys;

public sealed class ModelPatternTests
{
    [Theory]
    [InlineData("*", "gpt-4o-mini", true)]
    [InlineData("gpt-4o-mini", "gpt-4o-mini", true)]
    [InlineData("gpt-4o-mini", "gpt-4o", false)]
    [InlineData("gpt-4o*", "gpt-4o", true)]
    [InlineData("gpt-4o*", "gpt-4o-mini", true)]
    [InlineData("gpt-4o*", "gpt-4.1", false)]
    [InlineData("*-mini", "gpt-4o-mini", true)]
    [InlineData("*-mini", "gpt-4o-mini-2", false)]
    [InlineData("claude-*-haiku", "claude-3-5-haiku", true)]
    [InlineData("claude-*-haiku", "claude-haiku", false)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("ab*ba", "aba", false)]
    [InlineData("GPT-4o*", "gpt-4o", false)]
    public void Matches_GlobWithStar(string pattern, string alias, bool expected) =>
        Assert.Equal(expected, ModelPattern.Matches(pattern, alias));

    [Theory]
    [InlineData("gpt-4o-mini", true)]
    [InlineData("openai/gpt-4o:latest", true)]
    [InlineData("*", true)]
    [InlineData("", false)]
    [InlineData("gpt 4o", false)]
    [InlineData("gpt-4o?", false)]
    [InlineData("(.*)", false)]
    public void IsWellFormed_OnlyAliasCharactersAndStar(string entry, bool expected) =>
        Assert.Equal(expected, ModelPattern.IsWellFormed(entry));

    [Fact]
    public void Matches_ManyStars_StaysLinear()
    {
        // A pathological pattern must not backtrack: this returns at once.
        var pattern = string.Concat(Enumerable.Repeat("a*", 60)) + "b";
        Assert.False(ModelPattern.Matches(pattern, new string('a', 10_000)));
    }
}
