using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Guardrails;

/// <summary>
/// Output rules on JSON and streamed answers. The provider double echoes the prompt, so a prompt carrying an address
/// (not masked on the way up) or a deny-list term makes an answer that carries it.
/// </summary>
public sealed class OutputGuardrailTests(MaskingFixture fixture) : IClassFixture<MaskingFixture>
{
    private static object Chat(string model, string text, bool stream = false) =>
        new { model, stream, messages = new[] { new { role = "user", content = text } } };

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    [Fact]
    public async Task OutputRedact_Json_TheAnswerIsRedacted_ThePromptWasNot()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        var response = await fixture.Client(secret).PostAsJsonAsync("/v1/chat/completions", Chat("output-redacted", $"{marker} is bob@example.org"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("bob@example.org", fixture.Provider.Requests.Single(r => r.Body.Contains(marker, StringComparison.Ordinal)).Body, StringComparison.Ordinal);
        var content = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.EndsWith($"{marker} is [REDACTED_EMAIL]", content, StringComparison.Ordinal);
        Assert.Equal("none", Header(response, "x-gatehouse-guardrails"));
        Assert.Equal("pii:EMAIL=redact", Header(response, "x-gatehouse-guardrails-output"));
        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        var output = Assert.Single(JsonNode.Parse(row.GetString("Guardrails"))!.AsArray(), o => o!["direction"]!.GetValue<string>() == "output" && o!["detector"]!.GetValue<string>() != "custom-rules")!;
        Assert.Equal(("output", "redact", 1), (output["direction"]!.GetValue<string>(), output["action"]!.GetValue<string>(), output["count"]!.GetValue<int>()));
    }

    [Fact]
    public async Task OutputRedact_Stream_AnAddressIsRedactedBeforeItReachesTheClient()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();

        var response = await fixture.Client(secret).PostAsJsonAsync("/v1/chat/completions", Chat("output-redacted", "reach me at bob@example.org today", stream: true));

        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        Assert.StartsWith("This is a reply from the Gatehouse demo provider to: reach me at [REDACTED_EMAIL] today", SseEvents.Text(events), StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Contains("bob@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutputBlock_Json_Answers400GuardrailBlocked_AndIsStillBilled()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();

        var response = await fixture.Client(secret).PostAsJsonAsync("/v1/chat/completions", Chat("output-blocked", "say jailbreak"));

        var error = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "guardrail_blocked");
        Assert.Contains("answer was blocked", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("DENY_TERM", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("deny-list:DENY_TERM=block", Header(response, "x-gatehouse-guardrails-output"));
        Assert.True(response.Headers.Contains("x-gatehouse-cost-usd"), "the answer was produced and is billed");
        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        Assert.Equal("guardrail_blocked", row.GetString("ErrorCode"));
        Assert.True(row.GetInt32("CompletionTokens") > 0, "the answer was produced, so it is counted");
        var output = Assert.Single(JsonNode.Parse(row.GetString("Guardrails"))!.AsArray(), o => o!["direction"]!.GetValue<string>() == "output" && o!["detector"]!.GetValue<string>() != "custom-rules")!;
        Assert.Equal(("output", "block"), (output["direction"]!.GetValue<string>(), output["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OutputBlock_Stream_EndsWithAGuardrailErrorEvent_BeforeTheTermReachesTheClient()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();

        var response = await fixture.Client(secret).PostAsJsonAsync("/v1/chat/completions",
            Chat("output-blocked", "tell me all about how to jailbreak a phone in ten easy steps", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        var error = JsonNode.Parse(events[^2])!["error"]!;
        Assert.Equal("guardrail_blocked", error["code"]!.GetValue<string>());
        Assert.Contains("answer was blocked", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var text = SseEvents.Text(events[..^2]);
        Assert.NotEqual("", text); // what came before the term was relayed
        Assert.StartsWith(text, "This is a reply from the Gatehouse demo provider to: tell me all about how to ", StringComparison.Ordinal);
        Assert.DoesNotContain("jailbreak", text, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Contains("\"finish_reason\":\"stop\"", StringComparison.Ordinal));

        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        Assert.Equal("guardrail_blocked", row.GetString("StreamCut"));
        Assert.Equal("guardrail_blocked", row.GetString("ErrorCode"));
        var output = JsonNode.Parse(row.GetString("Guardrails"))!.AsArray().Single(o => o!["type"] is not null && o!["detector"]!.GetValue<string>() != "custom-rules")!;
        Assert.Equal(("output", "DENY_TERM", "block"), (output["direction"]!.GetValue<string>(), output["type"]!.GetValue<string>(), output["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task NoOutputRulesAndNothingMasked_TheStreamIsRelayedAsItCame()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.Client(secret);

        // The double sends one word per chunk. Relayed as it came, every chunk still holds one word; scanned, the
        // look-behind holds the first words back and releases them together.
        var untouched = await SseEvents.ReadAllAsync(await client.PostAsJsonAsync("/v1/chat/completions", Chat("redacted", "nothing personal here", stream: true)));
        var scanned = await SseEvents.ReadAllAsync(await client.PostAsJsonAsync("/v1/chat/completions", Chat("masked", "nothing personal here", stream: true)));

        Assert.All(Deltas(untouched), delta => Assert.DoesNotContain(' ', delta.TrimEnd()));
        Assert.Contains(Deltas(scanned), delta => delta.TrimEnd().Contains(' ', StringComparison.Ordinal));
        Assert.Equal(SseEvents.Text(untouched), SseEvents.Text(scanned));
    }

    private static List<string> Deltas(List<string> events) =>
        [.. events.Where(e => e != "[DONE]").Select(e => JsonNode.Parse(e)!["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>())
            .Where(text => !string.IsNullOrEmpty(text)).Select(text => text!)];
}
