using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Configuration;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors;
using Gatehouse.Guardrails.Redaction;
using Gatehouse.Guardrails.Streaming;
using Gatehouse.Providers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.Tests.Guardrails.Streaming;

public sealed class StreamingGuardrailScannerTests
{
    private const string Head = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[""";

    private static ChatStreamChunk Chunk(string choice, string tail = "") => new(Encoding.UTF8.GetBytes(Head + choice + "]" + tail + "}"));

    private static ChatStreamChunk Role() => Chunk("""{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}""");

    private static ChatStreamChunk Content(string text) =>
        Chunk($$"""{"index":0,"delta":{"content":{{JsonValue.Create(text).ToJsonString()}}},"logprobs":null,"finish_reason":null}""");

    private static ChatStreamChunk Finish() => Chunk("""{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}""");

    private static ChatStreamChunk Arguments(string arguments) =>
        Chunk("""{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":""" + JsonValue.Create(arguments).ToJsonString()
            + """}}]},"logprobs":null,"finish_reason":null}""");

    private static (GuardrailPipeline, GuardrailPolicy) Policy(IGuardrailDetector[] detectors, params GuardrailRuleOptions[] rules)
    {
        var options = new GatehouseOptions { Guardrails = new GuardrailOptions { Policies = new(StringComparer.Ordinal) { ["chat"] = new() { Rules = [.. rules] } } } };
        var pipeline = new GuardrailPipeline(detectors, Options.Create(options), new FakeTimeProvider(), NullLogger<GuardrailPipeline>.Instance);
        return (pipeline, pipeline.PolicyFor("chat")!);
    }

    private static async Task<(List<ChatStreamChunk> Relayed, IReadOnlyList<string>? Blocked)> RunAsync(StreamingGuardrailScanner scanner, params ChatStreamChunk[] chunks)
    {
        var relayed = new List<ChatStreamChunk>();
        foreach (var chunk in chunks)
        {
            var step = await scanner.ScanAsync(chunk, CancellationToken.None);
            if (step.Blocked is not null)
            {
                return (relayed, step.Blocked);
            }

            relayed.AddRange(step.Chunks);
        }

        var end = await scanner.FinishAsync(CancellationToken.None);
        relayed.AddRange(end.Chunks);
        return (relayed, end.Blocked);
    }

    private static string Text(IEnumerable<ChatStreamChunk> chunks) =>
        string.Concat(chunks.Select(c => c.Json?["choices"]?[0]?["delta"]?["content"]?.GetValue<string>()));

    [Fact]
    public async Task MaskedValues_AreRestoredAcrossChunks_ANewValueIsRedacted_AndTheHeldTextIsFlushedBeforeTheFinish()
    {
        var (pipeline, policy) = Policy([new EmailStubDetector()], new GuardrailRuleOptions { Type = "EMAIL", Action = "mask" });
        var vault = new RedactionVault("");
        vault.Mask("EMAIL", "ann@example.com");
        var scanner = new StreamingGuardrailScanner(pipeline, policy, vault, lookBehind: 64);
        var role = Role();

        var (relayed, blocked) = await RunAsync(scanner, role, Content("Sure, [EMA"), Content("IL_1] is yours; mine is bo"), Content("b@example.org."), Finish());

        Assert.Null(blocked);
        Assert.Same(role, relayed[0]);
        Assert.Equal("Sure, ann@example.com is yours; mine is [REDACTED_EMAIL].", Text(relayed));
        Assert.DoesNotContain(relayed, c => Encoding.UTF8.GetString(c.Data.Span).Contains("bob@", StringComparison.Ordinal));
        Assert.Equal("stop", relayed[^1].Json!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Null(relayed[^2].Json!["choices"]![0]!["finish_reason"]);
        Assert.Equal("chatcmpl-1", relayed[^2].Json!["id"]!.GetValue<string>());
        var outcome = Assert.Single(scanner.Outcomes);
        Assert.Equal(("EMAIL", "redact", 1, "output"), (outcome.Type, outcome.Action, outcome.Count, outcome.Direction));
    }

    [Fact]
    public async Task ABlockRule_StopsTheStream_OnATermSplitAcrossChunks()
    {
        var denyList = new DenyListDetector(new DenyListOptions { Terms = ["jailbreak"] }, TimeSpan.FromSeconds(1));
        var (pipeline, policy) = Policy([denyList], new GuardrailRuleOptions { Type = "DENY_TERM", Action = "block", Direction = "output" });
        var scanner = new StreamingGuardrailScanner(pipeline, policy, vault: null, lookBehind: 64);

        var (relayed, blocked) = await RunAsync(scanner, Role(), Content("Here is how to jail"), Content("break a phone"), Finish());

        Assert.Equal(["DENY_TERM"], blocked);
        Assert.DoesNotContain("jail", Text(relayed), StringComparison.Ordinal);
        Assert.Equal("block", scanner.Outcomes.Single(o => o.Type == "DENY_TERM").Action);
    }

    [Fact]
    public async Task ABlockRule_InspectsToolCallArguments_AndStopsTheStream()
    {
        var denyList = new DenyListDetector(new DenyListOptions { Terms = ["jailbreak"] }, TimeSpan.FromSeconds(1));
        var (pipeline, policy) = Policy([denyList], new GuardrailRuleOptions { Type = "DENY_TERM", Action = "block", Direction = "output" });
        var scanner = new StreamingGuardrailScanner(pipeline, policy, vault: null, lookBehind: 64);

        var (relayed, blocked) = await RunAsync(scanner, Role(), Arguments("{\"query\":\"how to jail"), Arguments("break a phone\"}"), Finish());

        Assert.Equal(["DENY_TERM"], blocked);
        Assert.DoesNotContain("jail", ArgumentsOf(relayed), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flag", false)]
    [InlineData("redact", true)] // a span replaced inside JSON the client parses could break it: blocked instead
    [InlineData("mask", true)]
    public async Task AnAddressInToolCallArguments_IsFlaggedAndRelayedWhole_OrBlocked(string action, bool blocks)
    {
        var (pipeline, policy) = Policy([new EmailStubDetector()], new GuardrailRuleOptions { Type = "EMAIL", Action = action, Direction = "output" });
        var scanner = new StreamingGuardrailScanner(pipeline, policy, vault: null, lookBehind: 64);

        var (relayed, blocked) = await RunAsync(scanner, Role(), Arguments("{\"to\":\"anna@exa"), Arguments("mple.com\"}"), Finish());

        Assert.Equal(blocks ? ["EMAIL"] : null, blocked);
        Assert.Equal(blocks ? "" : "{\"to\":\"anna@example.com\"}", ArgumentsOf(relayed));
        Assert.Equal(blocks ? "block" : "flag", scanner.Outcomes.Single(o => o.Type == "EMAIL").Action);
    }

    private static string ArgumentsOf(IEnumerable<ChatStreamChunk> chunks) =>
        string.Concat(chunks.Select(c => c.Json?["choices"]?[0]?["delta"]?["tool_calls"]?[0]?["function"]?["arguments"]?.GetValue<string>()));

    [Fact]
    public async Task AWordThatOnlyStartsLikeATerm_IsNotBlocked()
    {
        var denyList = new DenyListDetector(new DenyListOptions { Terms = ["jailbreak"] }, TimeSpan.FromSeconds(1));
        var (pipeline, policy) = Policy([denyList], new GuardrailRuleOptions { Type = "DENY_TERM", Action = "block" });
        var scanner = new StreamingGuardrailScanner(pipeline, policy, vault: null, lookBehind: 64);

        var (relayed, blocked) = await RunAsync(scanner, Content("a jailbreak"), Content("er is a tool"), Finish());

        Assert.Null(blocked);
        Assert.Equal("a jailbreaker is a tool", Text(relayed));
    }

    [Fact]
    public async Task RestoreOnly_RelaysChunksWithoutPlaceholdersAsTheyCame_AndRestoresToolArgumentsEscaped()
    {
        var (pipeline, _) = Policy([new EmailStubDetector()], new GuardrailRuleOptions { Type = "EMAIL", Action = "mask", Direction = "input" });
        var vault = new RedactionVault("");
        vault.Mask("NAME", "O\"Neil");
        var scanner = new StreamingGuardrailScanner(pipeline, policy: null, vault, lookBehind: 64);
        var plain = Content("nothing to restore");

        var (relayed, _) = await RunAsync(scanner, plain, Arguments("{\"to\":\"[NA"), Arguments("ME_1]\"}"), Finish());

        Assert.False(scanner.Inspects);
        Assert.Same(plain, relayed[0]);
        var arguments = string.Concat(relayed.Select(c => c.Json?["choices"]?[0]?["delta"]?["tool_calls"]?[0]?["function"]?["arguments"]?.GetValue<string>()));
        Assert.Equal("{\"to\":\"O\\\"Neil\"}", arguments);
        Assert.Equal("O\"Neil", JsonNode.Parse(arguments)!["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task AChunkWhoseTextIsAllHeld_IsNotRelayed_AndAStreamWithoutFinishIsFlushedAtTheEnd()
    {
        var (pipeline, policy) = Policy([new EmailStubDetector()], new GuardrailRuleOptions { Type = "EMAIL", Action = "redact", Direction = "output" });
        var scanner = new StreamingGuardrailScanner(pipeline, policy, vault: null, lookBehind: 64);

        var first = await scanner.ScanAsync(Content("short"), CancellationToken.None);
        var end = await scanner.FinishAsync(CancellationToken.None);

        Assert.Empty(first.Chunks);
        Assert.Equal("short", Text(end.Chunks));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task AFailingDetectorOnOutput_BlocksUnlessFailOpen(bool failOpen, bool blocks)
    {
        var (pipeline, policy) = Policy([StubDetector.Throwing("broken", "EMAIL")], new GuardrailRuleOptions { Type = "EMAIL", Action = "redact", Direction = "output", FailOpen = failOpen });
        var scanner = new StreamingGuardrailScanner(pipeline, policy, vault: null, lookBehind: 64);

        var (relayed, blocked) = await RunAsync(scanner, Content("hello there"), Finish());

        Assert.Equal(blocks, blocked is not null);
        Assert.Equal(blocks ? "" : "hello there", Text(relayed));
        var outcome = Assert.Single(scanner.Outcomes);
        Assert.True(outcome.Failed);
        Assert.Equal(blocks ? "block" : "flag", outcome.Action);
    }
}
