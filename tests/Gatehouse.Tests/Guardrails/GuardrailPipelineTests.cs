using Gatehouse.Configuration;
using Gatehouse.Guardrails;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.Tests.Guardrails;

public sealed class GuardrailPipelineTests
{
    private static readonly GuardrailInput Input = new(GuardrailDirection.Input, [new GuardrailSegment(0, null, "user", "text")]);
    private readonly FakeTimeProvider _time = new();

    private static GuardrailRuleOptions Rule(string type, string action, string? fallback = null, bool failOpen = false) =>
        new() { Type = type, Action = action, FallbackModel = fallback, FailOpen = failOpen };

    private GuardrailPipeline Pipeline(IEnumerable<IGuardrailDetector> detectors, Dictionary<string, GuardrailPolicyOptions> policies) =>
        new(detectors, Options.Create(new GatehouseOptions { Guardrails = new GuardrailOptions { Policies = policies } }), _time, NullLogger<GuardrailPipeline>.Instance);

    private static Dictionary<string, GuardrailPolicyOptions> Policy(string alias, params GuardrailRuleOptions[] rules) =>
        new(StringComparer.Ordinal) { [alias] = new GuardrailPolicyOptions { Rules = [.. rules] } };

    private static async Task<GuardrailVerdict> InspectAsync(GuardrailPipeline pipeline, string alias = "chat") =>
        await pipeline.InspectAsync(pipeline.PolicyFor(alias)!, Input, CancellationToken.None);

    [Fact]
    public void PolicyFor_OwnPolicyElseStarElseNone_AndAnEmptyPolicyExempts()
    {
        var policies = Policy("chat", Rule("A", "flag"));
        policies["*"] = new GuardrailPolicyOptions { Rules = [Rule("A", "block")] };
        policies["exempt"] = new GuardrailPolicyOptions();
        var pipeline = Pipeline([StubDetector.Clean("a", "A")], policies);

        Assert.Equal("chat", pipeline.PolicyFor("chat")!.Name);
        Assert.Equal("*", pipeline.PolicyFor("other")!.Name);
        Assert.Null(pipeline.PolicyFor("exempt"));
        Assert.Null(Pipeline([StubDetector.Clean("a", "A")], Policy("chat", Rule("A", "flag"))).PolicyFor("other"));
    }

    [Fact]
    public async Task Inspect_RunsOnlyTheDetectorsTheRulesNeed()
    {
        var needed = StubDetector.Clean("needed", "A");
        var unneeded = StubDetector.Clean("unneeded", "B");

        var verdict = await InspectAsync(Pipeline([needed, unneeded], Policy("chat", Rule("A", "block"))));

        Assert.Equal(1, needed.Calls);
        Assert.Equal(0, unneeded.Calls);
        Assert.Null(verdict.Action);
        Assert.Equal("none", verdict.Summary);
        var outcome = Assert.Single(verdict.Outcomes);
        Assert.Equal(new GuardrailOutcome("needed", null, null, 0, false), outcome);
    }

    [Theory]
    [InlineData(new[] { "FLAGGED" }, GuardrailAction.Flag, "flag")]
    [InlineData(new[] { "FLAGGED", "ROUTED" }, GuardrailAction.Fallback, "flag,fallback")]
    [InlineData(new[] { "ROUTED", "BLOCKED", "FLAGGED" }, GuardrailAction.Block, "fallback,block,flag")]
    public async Task Inspect_StrongestActionWins_BlockThenFallbackThenFlag(string[] found, GuardrailAction expected, string actions)
    {
        var pipeline = Pipeline([StubDetector.Finding("d", found)], Policy("chat",
            Rule("FLAGGED", "flag"), Rule("ROUTED", "fallback", "strict"), Rule("BLOCKED", "block")));

        var verdict = await InspectAsync(pipeline);

        Assert.Equal(expected, verdict.Action);
        Assert.Equal(actions.Split(','), verdict.Outcomes.Select(o => o.Action));
        Assert.Equal(string.Join(",", found.Zip(actions.Split(','), (type, action) => $"d:{type}={action}")), verdict.Summary);
        Assert.Equal(verdict.Action == GuardrailAction.Fallback ? "strict" : null, verdict.FallbackModel);
    }

    [Fact]
    public async Task Inspect_ExactRuleBeatsStarRule()
    {
        var pipeline = Pipeline([StubDetector.Finding("d", "A", "B")], Policy("chat", Rule("*", "block"), Rule("A", "fallback", "strict")));

        var verdict = await InspectAsync(pipeline);

        Assert.Equal(["fallback", "block"], verdict.Outcomes.Select(o => o.Action));
        Assert.Equal(GuardrailAction.Block, verdict.Action);
        Assert.Equal("*", verdict.Rule!.Type);
        Assert.Equal(["A"], verdict.TypesFor(GuardrailAction.Fallback));
    }

    [Fact]
    public async Task Inspect_TypeNoRuleActsOn_IsRecordedButNotActedOn()
    {
        var verdict = await InspectAsync(Pipeline([StubDetector.Finding("d", "A", "OTHER")], Policy("chat", Rule("A", "flag"))));

        Assert.Equal(GuardrailAction.Flag, verdict.Action);
        Assert.Equal([("A", "flag"), ("OTHER", (string?)null)], verdict.Outcomes.Select(o => (o.Type!, o.Action)));
        Assert.Equal("d:A=flag", verdict.Summary);
    }

    [Fact]
    public async Task Inspect_ThrowingDetector_BlocksWithDetectorFailed_WithoutTheExceptionsText()
    {
        var verdict = await InspectAsync(Pipeline([StubDetector.Throwing("broken", "A")], Policy("chat", Rule("A", "flag"))));

        Assert.Equal(GuardrailAction.Block, verdict.Action);
        var finding = Assert.Single(verdict.Findings);
        Assert.Equal(GuardrailFindingTypes.DetectorFailed, finding.Type);
        Assert.Equal("The detector threw InvalidOperationException.", finding.Explanation);
        Assert.Equal(new GuardrailOutcome("broken", "DETECTOR_FAILED", "block", 0, true), Assert.Single(verdict.Outcomes));
        Assert.True(Assert.Single(verdict.Runs).Failed);
        Assert.Equal("broken:DETECTOR_FAILED=block", verdict.Summary);
    }

    [Fact]
    public async Task Inspect_SlowDetector_TimesOutAndBlocks_AndIsToldToStop()
    {
        var slow = StubDetector.Hanging("slow", "A");
        var pipeline = Pipeline([slow, StubDetector.Finding("quick", "A")], Policy("chat", Rule("A", "fallback", "strict")));

        var inspecting = pipeline.InspectAsync(pipeline.PolicyFor("chat")!, Input, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(inspecting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var verdict = await inspecting;

        Assert.Equal(GuardrailAction.Block, verdict.Action);
        Assert.Equal("slow:DETECTOR_FAILED=block,quick:A=fallback", verdict.Summary);
        Assert.Equal(200, verdict.Outcomes[0].DurationMs);
        Assert.Equal("The detector timed out.", verdict.Findings.Single(f => f.Type == GuardrailFindingTypes.DetectorFailed).Explanation);
        Assert.True(slow.WasCancelled);
    }

    [Fact]
    public async Task Inspect_FailedDetectorUnderFailOpenRules_OnlyFlags()
    {
        var pipeline = Pipeline([StubDetector.Throwing("broken", "A", "B")], Policy("chat", Rule("A", "block", failOpen: true), Rule("B", "block", failOpen: true)));

        var verdict = await InspectAsync(pipeline);

        Assert.Equal(GuardrailAction.Flag, verdict.Action);
        Assert.Equal("broken:DETECTOR_FAILED=flag", verdict.Summary);
    }

    [Fact]
    public async Task Inspect_FailedDetectorNeededByOneFailClosedRule_Blocks()
    {
        var pipeline = Pipeline([StubDetector.Throwing("broken", "A", "B")], Policy("chat", Rule("A", "flag", failOpen: true), Rule("B", "flag")));

        var verdict = await InspectAsync(pipeline);

        Assert.Equal(GuardrailAction.Block, verdict.Action);
        Assert.Equal("B", verdict.Rule!.Type);
    }

    [Fact]
    public async Task Inspect_ClientGoneAway_Throws()
    {
        var pipeline = Pipeline([StubDetector.Hanging("slow", "A")], Policy("chat", Rule("A", "block")));
        using var aborted = new CancellationTokenSource();

        var inspecting = pipeline.InspectAsync(pipeline.PolicyFor("chat")!, Input, aborted.Token).AsTask();
        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inspecting);
    }
}
