using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Redaction;

namespace Gatehouse.Tests.Guardrails.Redaction;

public sealed class SpanRewriterTests
{
    private static GuardrailRewrite Span(int start, int length, GuardrailAction action, string type = "EMAIL", string detector = "d") =>
        new(new DetectorFinding(detector, type, 0, start, length, 1.0, "test"), action);

    [Fact]
    public void Apply_SeveralFindings_EachReplacedAtItsOwnOffsets_WhateverTheirOrder()
    {
        const string text = "mail ann@example.com or bob@example.com, call 555-0100";
        var applied = new List<GuardrailRewrite>();

        var result = SpanRewriter.Apply(text,
            [Span(46, 8, GuardrailAction.Redact, "PHONE"), Span(24, 15, GuardrailAction.Mask), Span(5, 15, GuardrailAction.Mask)],
            new RedactionVault(text), applied);

        Assert.Equal("mail [EMAIL_1] or [EMAIL_2], call [REDACTED_PHONE]", result);
        Assert.Equal([5, 24, 46], applied.Select(a => a.Start));
    }

    [Fact]
    public void Apply_OverlappingFindings_MergeIntoOneSpan_NamedAfterTheWidest()
    {
        const string text = "id: ab-1234-cd end";
        var vault = new RedactionVault(text);
        var applied = new List<GuardrailRewrite>();

        // [4,10) "ab-123" and [7,14) "1234-cd" (wider): one span [4,14), named after the wider.
        var result = SpanRewriter.Apply(text, [Span(4, 6, GuardrailAction.Mask, "SHORT"), Span(7, 7, GuardrailAction.Mask, "WIDE")], vault, applied);

        Assert.Equal("id: [WIDE_1] end", result);
        Assert.Equal("id: ab-1234-cd end", vault.Restore(result));
        var merged = Assert.Single(applied);
        Assert.Equal((4, 10, "WIDE"), (merged.Start, merged.Finding.Length, merged.Finding.Type));
    }

    [Fact]
    public void Apply_ARedactionOverlappingAMask_Wins_SoThePartIsNeverRestored()
    {
        const string text = "token sk-abc123 here";
        var vault = new RedactionVault(text);

        var result = SpanRewriter.Apply(text, [Span(6, 9, GuardrailAction.Mask, "WIDE"), Span(9, 3, GuardrailAction.Redact, "SECRET")], vault);

        Assert.Equal("token [REDACTED_SECRET] here", result);
        Assert.Equal(0, vault.Count);
    }

    [Fact]
    public void Apply_FindingsOutsideTheText_AreLeftOut_AndNoneGivesTheSameString()
    {
        const string text = "short";

        Assert.Same(text, SpanRewriter.Apply(text, [Span(3, 10, GuardrailAction.Redact), Span(-1, 2, GuardrailAction.Redact), Span(1, 0, GuardrailAction.Redact)], null));
        Assert.Same(text, SpanRewriter.Apply(text, [], null));
    }

    [Fact]
    public void Apply_MaskWithoutAVault_Redacts()
    {
        Assert.Equal("[REDACTED_EMAIL]!", SpanRewriter.Apply("a@b.io!", [Span(0, 6, GuardrailAction.Mask)], vault: null));
    }
}
