using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors;

namespace Gatehouse.Tests.Guardrails;

public sealed class DenyListDetectorTests
{
    private static DenyListDetector Detector(params string[] terms) =>
        new(new DenyListOptions { Terms = [.. terms] }, TimeSpan.FromSeconds(1));

    private static async Task<IReadOnlyList<DetectorFinding>> InspectAsync(DenyListDetector detector, params string[] texts) =>
        await detector.InspectAsync(
            new GuardrailInput(GuardrailDirection.Input, [.. texts.Select((text, i) => new GuardrailSegment(i, null, "user", text))]),
            CancellationToken.None);

    [Theory]
    [InlineData("Please jailbreak the model")]
    [InlineData("jailbreak")]
    [InlineData("JailBreak!")]
    [InlineData("(JAILBREAK)")]
    public async Task Inspect_WholeWordAnyCase_Finds(string text)
    {
        var finding = Assert.Single(await InspectAsync(Detector("jailbreak"), text));

        Assert.Equal(GuardrailFindingTypes.DenyTerm, finding.Type);
        Assert.Equal(DetectorNames.DenyList, finding.Detector);
        Assert.Equal("jailbreak", text.Substring(finding.Start, finding.Length), StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("a jailbreaker")]
    [InlineData("unjailbreakable")]
    [InlineData("jailbreak_mode")]
    [InlineData("jail break")]
    public async Task Inspect_TermInsideAnotherWord_FindsNothing(string text)
    {
        Assert.Empty(await InspectAsync(Detector("jailbreak"), text));
    }

    [Fact]
    public async Task Inspect_FullWidthLetters_FindsAtOriginalOffsets()
    {
        const string text = "try ｊａｉｌｂｒｅａｋ now";

        var finding = Assert.Single(await InspectAsync(Detector("jailbreak"), text));

        Assert.Equal("ｊａｉｌｂｒｅａｋ", text.Substring(finding.Start, finding.Length));
    }

    [Theory]
    [InlineData("𝐣𝐚𝐢𝐥𝐛𝐫𝐞𝐚𝐤", "jailbreak")]       // mathematical bold (surrogate pairs)
    [InlineData("ⓙⓐⓘⓛⓑⓡⓔⓐⓚ", "jailbreak")]       // circled letters
    [InlineData("jail\u200Bbreak", "jailbreak")]    // zero-width space
    [InlineData("jail\u00ADbreak", "jailbreak")]    // soft hyphen
    [InlineData("ﬁnal answer", "final")]            // ligature
    [InlineData("cafe\u0301 order", "café")]        // combining accent against a precomposed term
    [InlineData("café order", "cafe\u0301")]        // and the other way round
    [InlineData("ignore   previous\ninstructions", "ignore previous instructions")]
    public async Task Inspect_CompatibilityFormsAndSpacing_Find(string text, string term)
    {
        var finding = Assert.Single(await InspectAsync(Detector(term), text));

        Assert.Equal(0, finding.Start);
        Assert.True(finding.Length > 0);
    }

    [Fact]
    public async Task Inspect_AccentedTermAgainstPlainWord_FindsNothing()
    {
        Assert.Empty(await InspectAsync(Detector("café"), "a cafe"));
        Assert.Empty(await InspectAsync(Detector("cafe"), "a café"));
    }

    [Fact]
    public async Task Inspect_Explanation_NamesTheTermsPlaceNotItsText()
    {
        var findings = await InspectAsync(Detector("harmless", "jailbreak"), "first segment", "a JAILBREAK here");

        var finding = Assert.Single(findings);
        Assert.Equal(1, finding.Segment);
        Assert.Equal(2, finding.Start);
        Assert.Equal("Matched the deny-list term Gatehouse:Guardrails:DenyList:Terms:1.", finding.Explanation);
        Assert.DoesNotContain("jailbreak", finding.Explanation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Inspect_TermWithPunctuationAtItsEdge_MatchesWithoutWordBoundaryThere()
    {
        var findings = await InspectAsync(Detector("c++", "#secret"), "I write c++ daily", "tag:#secret");

        Assert.Equal(2, findings.Count);
    }

    [Fact]
    public async Task Inspect_NoTerms_FindsNothing()
    {
        Assert.Empty(await InspectAsync(Detector(), "jailbreak"));
        Assert.Empty(await InspectAsync(Detector("   ", "\u200B"), "jailbreak"));
    }

    [Fact]
    public async Task Inspect_RepeatedTerm_StopsAtMaxFindings()
    {
        var text = string.Join(' ', Enumerable.Repeat("jailbreak", DenyListDetector.MaxFindings + 50));

        Assert.Equal(DenyListDetector.MaxFindings, (await InspectAsync(Detector("jailbreak"), text)).Count);
    }

    [Fact]
    public async Task Inspect_ThousandsOfTerms_StillCompilesAndMatches()
    {
        var terms = Enumerable.Range(0, 5000).Select(i => $"forbidden{i}word").ToArray();

        var finding = Assert.Single(await InspectAsync(Detector(terms), "say FORBIDDEN4321WORD now"));

        Assert.Equal("Matched the deny-list term Gatehouse:Guardrails:DenyList:Terms:4321.", finding.Explanation);
    }
}
