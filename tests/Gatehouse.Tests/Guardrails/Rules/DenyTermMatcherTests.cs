using Gatehouse.Guardrails.Rules;

namespace Gatehouse.Tests.Guardrails.Rules;

/// <summary>Deny-list terms as custom rules match them: whole words, any case, folded text, spans in the original.</summary>
public sealed class DenyTermMatcherTests
{
    private static List<string> Find(string text, params string[] terms)
    {
        var matcher = DenyTermMatcher.Create(terms);
        var normalised = TermText.From(text);
        var found = new List<string>();
        for (var (start, length) = matcher.Next(normalised.Text, 0); start >= 0; (start, length) = matcher.Next(normalised.Text, start + length))
        {
            var (at, span) = normalised.ToOriginal(start, length);
            found.Add(text.Substring(at, span));
        }

        return found;
    }

    [Theory]
    [InlineData("Project Falcon is late", "Falcon")]
    [InlineData("FALCON", "FALCON")]
    [InlineData("(falcon)", "falcon")]
    [InlineData("falcon-9", "falcon")]
    [InlineData("ＦＡＬＣＯＮ launch", "ＦＡＬＣＯＮ")]
    [InlineData("fal\u200Bcon", "fal\u200Bcon")]
    public void Next_WholeWordAnyCaseOrForm_IsFound_WithItsOriginalSpan(string text, string expected) =>
        Assert.Equal([expected], Find(text, "falcon"));

    [Theory]
    [InlineData("falcons")]
    [InlineData("peregrinefalcon")]
    [InlineData("falcon_x")]
    [InlineData("falco n")]
    public void Next_TermInsideAnotherWord_IsNotFound(string text) => Assert.Empty(Find(text, "falcon"));

    [Fact]
    public void Next_PhraseMatchesAcrossAnyWhiteSpace()
    {
        Assert.Equal(["blue\n\t heron", "Blue Heron"], Find("the blue\n\t heron and Blue Heron", "blue  heron"));
    }

    [Fact]
    public void Next_SeveralTerms_EachFound_LongestAtOnePlace()
    {
        Assert.Equal(["red kite", "osprey", "kite"], Find("a red kite, an osprey, a kite", "kite", "red kite", "osprey"));
    }

    [Fact]
    public void Next_RepeatedCandidatesThatAreNotWholeWords_AreSkipped()
    {
        Assert.Equal(["aa"], Find(new string('a', 5000) + " aa", "aa"));
    }

    [Fact]
    public void Create_OnlyEmptyTerms_IsRefused() => Assert.Throws<ArgumentException>(() => DenyTermMatcher.Create([" ", "\u200B"]));
}
