using Gatehouse.Configuration;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.Tests.Guardrails;

/// <summary>Directions, mask and redact, and the actions findings carry; the first slice's cases are in <see cref="GuardrailPipelineTests"/>.</summary>
public sealed class GuardrailPolicyTests
{
    private static readonly DetectorRun Ran = new("d", TimeSpan.FromMilliseconds(1), Failed: false);

    private static GuardrailRule Rule(string type, GuardrailAction action, GuardrailDirection? direction = null, string? fallback = null, bool failOpen = false) =>
        new(type, action, fallback, failOpen) { Direction = direction };

    private static GuardrailPolicy Policy(params GuardrailRule[] rules) =>
        new("chat", rules, [StubDetector.Clean("d", "A", "B", "C"), StubDetector.Clean(DetectorNames.CustomRules, "CUSTOM")]);

    private static DetectorFinding Found(string type, int start = 0, GuardrailAction? carried = null, string detector = "d") =>
        new(detector, type, 0, start, 1, 1.0, "test") { Action = carried };

    [Fact]
    public void Rules_ApplyToTheirDirection_FallbackOnlyToInput_AndDetectorsFollow()
    {
        var policy = Policy(Rule("A", GuardrailAction.Block, GuardrailDirection.Input), Rule("B", GuardrailAction.Flag, GuardrailDirection.Output), Rule("C", GuardrailAction.Fallback, fallback: "strict"));

        Assert.Equal(GuardrailAction.Block, policy.RuleFor("A", GuardrailDirection.Input)!.Action);
        Assert.Null(policy.RuleFor("A", GuardrailDirection.Output));
        Assert.Null(policy.RuleFor("B", GuardrailDirection.Input));
        Assert.Equal(GuardrailAction.Fallback, policy.RuleFor("C", GuardrailDirection.Input)!.Action);
        Assert.Null(policy.RuleFor("C", GuardrailDirection.Output));
        Assert.Equal(["d", DetectorNames.CustomRules], policy.DetectorsFor(GuardrailDirection.Input).Select(d => d.Name));
        Assert.Equal(["d", DetectorNames.CustomRules], policy.DetectorsFor(GuardrailDirection.Output).Select(d => d.Name));
        Assert.Empty(Policy(Rule("A", GuardrailAction.Block, GuardrailDirection.Input)).DetectorsFor(GuardrailDirection.Output));
    }

    [Fact]
    public void Decide_OnOutput_AMaskRedacts_AndOutcomesSayOutput()
    {
        var verdict = Policy(Rule("A", GuardrailAction.Mask)).Decide(GuardrailDirection.Output, [Found("A")], [Ran]);

        Assert.Equal(GuardrailAction.Redact, verdict.Action);
        Assert.Equal(GuardrailAction.Redact, Assert.Single(verdict.Rewrites).Action);
        Assert.Equal(("redact", "output"), (verdict.Outcomes[0].Action, verdict.Outcomes[0].Direction));
        Assert.Equal(GuardrailAction.Mask, Policy(Rule("A", GuardrailAction.Mask)).Decide([Found("A")], [Ran]).Action);
    }

    [Theory]
    [InlineData(GuardrailAction.Block)]
    [InlineData(GuardrailAction.Fallback)]
    public void Decide_StrengthIsBlockFallbackRedactMaskFlag_RewritesStandUnderFallback(GuardrailAction strongest)
    {
        var policy = Policy(Rule("A", GuardrailAction.Mask), Rule("B", GuardrailAction.Redact), Rule("C", strongest, fallback: "strict"), Rule("*", GuardrailAction.Flag));

        var verdict = policy.Decide([Found("A", 0), Found("B", 2), Found("C", 4), Found("OTHER", 6)], [Ran]);
        var withoutC = policy.Decide([Found("A", 0), Found("B", 2), Found("OTHER", 6)], [Ran]);

        Assert.Equal(strongest, verdict.Action);
        Assert.Equal([(GuardrailAction.Mask, 0), (GuardrailAction.Redact, 2)], verdict.Rewrites.Select(r => (r.Action, r.Start)));
        Assert.Equal(GuardrailAction.Redact, withoutC.Action);
        Assert.Equal("d:A=mask,d:B=redact,d:OTHER=flag", withoutC.Summary);
    }

    [Fact]
    public void Decide_AFindingsOwnAction_AppliesWhenNoRuleNamesItsType_AndNeverLoosensTheStarRule()
    {
        var none = Policy();
        var exact = Policy(Rule("CUSTOM", GuardrailAction.Flag));
        var starFlag = Policy(Rule("*", GuardrailAction.Flag));
        var starBlock = Policy(Rule("*", GuardrailAction.Block));
        DetectorFinding[] found = [Found("CUSTOM", 0, GuardrailAction.Mask, DetectorNames.CustomRules), Found("CUSTOM", 3, GuardrailAction.Redact, DetectorNames.CustomRules)];
        DetectorRun[] runs = [Ran with { Detector = DetectorNames.CustomRules }];

        var carried = none.Decide(found, runs);
        Assert.Equal(GuardrailAction.Redact, carried.Action);
        Assert.Equal([GuardrailAction.Mask, GuardrailAction.Redact], carried.Rewrites.Select(r => r.Action));
        Assert.Equal("custom-rules:CUSTOM=redact", carried.Summary);

        Assert.Equal(GuardrailAction.Flag, exact.Decide(found, runs).Action);
        Assert.Empty(exact.Decide(found, runs).Rewrites);
        Assert.Equal(GuardrailAction.Redact, starFlag.Decide(found, runs).Action);
        Assert.Equal(2, starFlag.Decide(found, runs).Rewrites.Count);
        Assert.Equal(GuardrailAction.Block, starBlock.Decide(found, runs).Action);
        Assert.Equal(GuardrailAction.Block, none.Decide([Found("CUSTOM", 0, GuardrailAction.Fallback, DetectorNames.CustomRules)], runs).Action);
        Assert.Null(none.Decide([Found("CUSTOM", 0, detector: DetectorNames.CustomRules)], runs).Action);
    }

    [Fact]
    public void Decide_FailedDetector_OnOutput_FollowsTheOutputRulesFailOpen_AndCustomRulesFailClosed()
    {
        var policy = Policy(Rule("A", GuardrailAction.Redact, GuardrailDirection.Output, failOpen: true), Rule("B", GuardrailAction.Flag, GuardrailDirection.Input));
        var failed = Ran with { Failed = true };

        Assert.Equal(GuardrailAction.Flag, policy.Decide(GuardrailDirection.Output, [], [failed]).Action);
        Assert.Equal(GuardrailAction.Block, policy.Decide(GuardrailDirection.Input, [], [failed]).Action);
        var custom = policy.Decide(GuardrailDirection.Input, [], [failed with { Detector = DetectorNames.CustomRules }]);
        Assert.Equal(GuardrailAction.Block, custom.Action);
        Assert.Equal("custom-rules:DETECTOR_FAILED=block", custom.Summary);
    }

    [Fact]
    public async Task Pipeline_AnAliasWithoutPolicy_RunsOnlyTheCustomRules_WhenThatDetectorIsRegistered()
    {
        var custom = new StubDetector(DetectorNames.CustomRules, ["CUSTOM"], _ =>
            Task.FromResult<IReadOnlyList<DetectorFinding>>([Found("CUSTOM", 0, GuardrailAction.Block, DetectorNames.CustomRules)]));
        var other = StubDetector.Clean("other", "A");
        var options = Options.Create(new GatehouseOptions { Guardrails = new GuardrailOptions { Policies = new(StringComparer.Ordinal) { ["chat"] = new() { Rules = [new() { Type = "A", Action = "flag" }] } } } });
        var withCustom = new GuardrailPipeline([custom, other], options, new FakeTimeProvider(), NullLogger<GuardrailPipeline>.Instance);
        var without = new GuardrailPipeline([other], options, new FakeTimeProvider(), NullLogger<GuardrailPipeline>.Instance);

        var policy = withCustom.PolicyFor("no-policy")!;
        var verdict = await withCustom.InspectAsync(policy, new GuardrailInput(GuardrailDirection.Input, [new GuardrailSegment(0, null, "user", "x")]), CancellationToken.None);

        Assert.Equal(GuardrailPipeline.ImplicitPolicyName, policy.Name);
        Assert.Empty(policy.DetectorsFor(GuardrailDirection.Output));
        Assert.Equal(GuardrailAction.Block, verdict.Action);
        Assert.Equal(0, other.Calls);
        Assert.Null(without.PolicyFor("no-policy"));
        Assert.Equal([DetectorNames.CustomRules, "other"], withCustom.PolicyFor("chat")!.DetectorsFor(GuardrailDirection.Input).Select(d => d.Name).Order());
    }
}
