using Gatehouse.Guardrails.Detectors;

namespace Gatehouse.Tests.Guardrails;

public sealed class UnicodeFoldingTests
{
    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("ＡＢＣ１２３", "ABC123")]
    [InlineData("ﬁ", "fi")]
    [InlineData("x²", "x2")]
    [InlineData("é", "e\u0301")]
    [InlineData("\u00A0", " ")]
    [InlineData("a\u200Db", "ab")]
    [InlineData("한", "\u1112\u1161\u11AB")]
    [InlineData("a\u0301\u0323", "a\u0323\u0301")] // marks in canonical order: below (220) before above (230)
    public void Fold_GivesTheCompatibilityDecomposition(string text, string expected)
    {
        Assert.Equal(expected, UnicodeFolding.Fold(text).Text);
    }

    [Fact]
    public void Fold_MapsFoldedSpansBackToTheOriginal()
    {
        const string text = "xﬁ𝐚é!";
        var folded = UnicodeFolding.Fold(text);

        Assert.Equal("xfiae\u0301!", folded.Text);
        Assert.Equal((1, 1), folded.ToOriginal(1, 2)); // "fi" came from the one ligature
        Assert.Equal((2, 2), folded.ToOriginal(3, 1)); // "a" from a surrogate pair
        Assert.Equal((4, 1), folded.ToOriginal(4, 2)); // "e" + accent from "é"
        Assert.Equal((1, 5), folded.ToOriginal(1, 6));
    }

    [Fact]
    public void Fold_LoneSurrogate_IsKept()
    {
        Assert.Equal("a\uD800é".Length + 1, UnicodeFolding.Fold("a\uD800é").Text.Length);
    }
}
