using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Rules;
using Gatehouse.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Guardrails;

/// <summary>
/// The custom-rules detector on real storage with a fake clock: a tenant's configured and stored rules, their
/// directions and actions, exact spans, and a change made elsewhere seen within the cache TTL (refreshed ahead).
/// </summary>
public sealed class CustomRuleDetectorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _tenant = AdminApi.NewTenantId();
    private CoreServices _services = null!;

    private CustomRuleStore Store => _services.Get<CustomRuleStore>();

    private CustomRuleDetector Detector => _services.Get<IEnumerable<IGuardrailDetector>>().OfType<CustomRuleDetector>().Single();

    public async Task InitializeAsync() => _services = await CoreServices.StartAsync(_time, new Dictionary<string, string?>
    {
        [$"Gatehouse:Guardrails:TenantRules:{_tenant}:codes:Kind"] = "regex",
        [$"Gatehouse:Guardrails:TenantRules:{_tenant}:codes:Pattern"] = @"\bPRJ-[0-9]{4}\b",
        [$"Gatehouse:Guardrails:TenantRules:{_tenant}:codes:Action"] = "block",
    });

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static GuardrailInput Input(string? tenant, GuardrailDirection direction, params string[] texts) =>
        new(direction, [.. texts.Select((text, i) => new GuardrailSegment(i, null, "user", text))]) { Tenant = tenant };

    private async Task<IReadOnlyList<DetectorFinding>> InspectAsync(GuardrailInput input) => await Detector.InspectAsync(input, CancellationToken.None);

    private async Task PutAsync(CustomRule rule) =>
        Assert.Contains((await Store.PutAsync(_tenant, rule, CustomRuleSyntax.MaxRulesPerTenant, CustomRuleSyntax.MaxTermCharactersPerTenant, "test", CancellationToken.None)).Outcome, (CustomRuleWrite[])[CustomRuleWrite.Created, CustomRuleWrite.Replaced]);

    [Fact]
    public async Task Inspect_ConfiguredAndStoredRules_FindExactSpans_WithTheRulesAction_AndNeverTheText()
    {
        await PutAsync(new CustomRule("birds", "deny_list", null, ["falcon", "blue heron"], "both", "flag", null));
        var texts = new[] { "ship PRJ-1234 and PRJ-12345 today", "The Blue\nHeron met a FALCON; falcons too" };

        var findings = await InspectAsync(Input(_tenant, GuardrailDirection.Input, texts));

        Assert.Equal(
            [(0, "PRJ-1234", GuardrailAction.Block, "custom rule 'codes'"), (1, "Blue\nHeron", GuardrailAction.Flag, "custom rule 'birds'"), (1, "FALCON", GuardrailAction.Flag, "custom rule 'birds'")],
            findings.Select(f => (f.Segment, texts[f.Segment].Substring(f.Start, f.Length), f.Action!.Value, f.Explanation)));
        Assert.All(findings, f => Assert.Equal((GuardrailFindingTypes.CustomRule, "custom-rules"), (f.Type, f.Detector)));
        Assert.Equal(GuardrailFindingTypes.CustomRule, Assert.Single(Detector.FindingTypes));
    }

    [Fact]
    public async Task Inspect_RunsOnlyRulesForTheInputsDirection()
    {
        await PutAsync(new CustomRule("answers", "regex", "leak", [], "output", "block", null));
        await PutAsync(new CustomRule("prompts", "regex", "ask", [], "input", "flag", null));

        var onInput = await InspectAsync(Input(_tenant, GuardrailDirection.Input, "ask leak PRJ-0001"));
        var onOutput = await InspectAsync(Input(_tenant, GuardrailDirection.Output, "ask leak PRJ-0001"));

        Assert.Equal(["custom rule 'codes'", "custom rule 'prompts'"], onInput.Select(f => f.Explanation).Order(StringComparer.Ordinal));
        Assert.Equal(["custom rule 'answers'", "custom rule 'codes'"], onOutput.Select(f => f.Explanation).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Inspect_NoTenantOrATenantWithoutRules_FindsNothing()
    {
        Assert.Empty(await InspectAsync(Input(null, GuardrailDirection.Input, "PRJ-1234")));
        Assert.Empty(await InspectAsync(Input(AdminApi.NewTenantId(), GuardrailDirection.Input, "PRJ-1234")));
    }

    [Fact]
    public async Task Cache_AChangeMadeElsewhere_IsSeenWithinTheTtl_ServedFromMemoryMeanwhile()
    {
        var input = Input(_tenant, GuardrailDirection.Input, "the falcon");
        Assert.Empty(await InspectAsync(input));

        // Another instance adds a rule: this one still answers from memory.
        await PutAsync(new CustomRule("birds", "deny_list", null, ["falcon"], "both", "flag", null));
        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.Empty(await InspectAsync(input));

        // Past half the TTL (30 s) a request is still answered at once, and one background read refreshes the rules.
        _time.Advance(TimeSpan.FromSeconds(2));
        var served = Detector.InspectAsync(input, CancellationToken.None);
        Assert.True(served.IsCompletedSuccessfully, "answered from memory, not after a storage read");
        Assert.True(await Eventually.TrueAsync(async () => (await InspectAsync(input)).Count == 1), "the refreshed rules apply before the TTL");
    }

    [Fact]
    public async Task Reload_AppliesAChangeMadeOnThisInstance_AtOnce()
    {
        var input = Input(_tenant, GuardrailDirection.Input, "the falcon");
        Assert.Empty(await InspectAsync(input));
        await PutAsync(new CustomRule("birds", "deny_list", null, ["falcon"], "both", "flag", null));

        await _services.Get<CustomRuleCache>().ReloadAsync(_tenant);

        Assert.Single(await InspectAsync(input));
        Assert.True(await Store.DeleteAsync(_tenant, "birds", CancellationToken.None));
        await _services.Get<CustomRuleCache>().ReloadAsync(_tenant);
        Assert.Empty(await InspectAsync(input));
    }

    [Fact]
    public async Task WarmUp_LoadsEveryTenantsRulesAtStart_SoTheFirstRequestNeedsNoRead()
    {
        await PutAsync(new CustomRule("birds", "deny_list", null, ["falcon"], "both", "flag", null));
        var unwarmed = AdminApi.NewTenantId();
        var warmUp = _services.Get<IEnumerable<IHostedService>>().OfType<CustomRuleWarmUp>().Single();

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.Warming;

        var first = Detector.InspectAsync(Input(_tenant, GuardrailDirection.Input, "falcon PRJ-0001"), CancellationToken.None);
        Assert.True(first.IsCompletedSuccessfully, "answered from memory: the rules were loaded at start");
        Assert.Equal(2, (await first).Count);
        // Whether a storage read completes before the call returns depends on the machine's load, so what start-up
        // loaded is read from the cache itself rather than from the task's state.
        var cache = _services.Get<CustomRuleCache>();
        Assert.False(cache.Holds(unwarmed), "a tenant without rules is not read at start");
        Assert.Empty(await Detector.InspectAsync(Input(unwarmed, GuardrailDirection.Input, "falcon"), CancellationToken.None));
        Assert.True(cache.Holds(unwarmed), "a tenant without rules is read on demand");
    }

    [Fact]
    public async Task Start_WithABadConfiguredRule_FailsNamingItsSetting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => CoreServices.StartAsync(_time, new Dictionary<string, string?>
        {
            ["Gatehouse:Guardrails:TenantRules:acme:loop:Kind"] = "regex",
            ["Gatehouse:Guardrails:TenantRules:acme:loop:Pattern"] = "(a)\\1",
            ["Gatehouse:Guardrails:TenantRules:acme:loop:Action"] = "block",
        }));

        Assert.Contains(failure.Failures, f => f.StartsWith("Gatehouse:Guardrails:TenantRules:acme:loop:pattern: cannot run on the linear-time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspect_PastTheDetectorBudget_Throws()
    {
        var clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(300) };
        var detector = new CustomRuleDetector(new Lazy<CustomRuleCache>(_services.Get<CustomRuleCache>), clock, TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAsync<TimeoutException>(async () => await detector.InspectAsync(Input(_tenant, GuardrailDirection.Input, "PRJ-1234"), CancellationToken.None));
    }
}
