using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Guardrails;

/// <summary>
/// Masking and redaction of the prompt, end to end: what the provider double received (it records every request),
/// and what the client got back (the double echoes the last user message).
/// </summary>
public sealed class MaskingTests(MaskingFixture fixture) : IClassFixture<MaskingFixture>
{
    private const string Address = "ann.lee@example.com";

    private static object Chat(string model, string text, bool stream = false, string system = "be brief") =>
        new { model, stream, messages = new[] { new { role = "system", content = system }, new { role = "user", content = text } } };

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    private string Upstream(string marker) => fixture.Provider.Requests.Single(r => r.Body.Contains(marker, StringComparison.Ordinal)).Body;

    private static async Task<string> ContentAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!["content"]!.GetValue<string>();

    [Fact]
    public async Task Mask_TheProviderSeesPlaceholdersOnly_AndTheClientGetsItsAddressBack()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        var response = await fixture.Client(secret).PostAsJsonAsync("/v1/chat/completions",
            Chat("masked", $"{marker} mail {Address} or bob@example.org", system: $"The user is {Address}."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = Upstream(marker);
        Assert.Contains($"The user is [EMAIL_1].", upstream, StringComparison.Ordinal);
        Assert.Contains($"{marker} mail [EMAIL_1] or [EMAIL_2]", upstream, StringComparison.Ordinal);
        Assert.DoesNotContain("@example", upstream, StringComparison.Ordinal);
        Assert.Equal($"This is a reply from the Gatehouse demo provider to: {marker} mail {Address} or bob@example.org", await ContentAsync(response));
        Assert.Equal("pii:EMAIL=mask", Header(response, "x-gatehouse-guardrails"));
        Assert.Equal("none", Header(response, "x-gatehouse-guardrails-output")); // the detectors saw the placeholders: nothing to redact

        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        var outcomes = JsonNode.Parse(row.GetString("Guardrails"))!.AsArray();
        var input = outcomes.Single(o => o!["direction"]!.GetValue<string>() == "input" && o!["detector"]!.GetValue<string>() != "custom-rules")!;
        Assert.Equal(("pii", "EMAIL", "mask", 3), (input["detector"]!.GetValue<string>(), input["type"]!.GetValue<string>(), input["action"]!.GetValue<string>(), input["count"]!.GetValue<int>()));
        var output = outcomes.Single(o => o!["direction"]!.GetValue<string>() == "output" && o!["detector"]!.GetValue<string>() != "custom-rules")!;
        Assert.Null(output["type"]);
        Assert.DoesNotContain("@example", string.Join("|", row.Select(entry => entry.Value)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mask_InAStream_IsRestoredInTheChunksTheClientGets()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        var response = await fixture.Client(secret).PostAsJsonAsync("/v1/chat/completions", Chat("masked", $"{marker} write to {Address} now", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pii:EMAIL=mask", Header(response, "x-gatehouse-guardrails"));
        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        Assert.StartsWith($"This is a reply from the Gatehouse demo provider to: {marker} write to {Address} now", SseEvents.Text(events), StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Contains("[EMAIL_", StringComparison.Ordinal));
        Assert.True(events.Count > 10, "the answer still arrives in many chunks");
        Assert.Equal("stop", JsonNode.Parse(events[^2])!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Contains("[EMAIL_1]", Upstream(marker), StringComparison.Ordinal);
        Assert.DoesNotContain(Address, Upstream(marker), StringComparison.Ordinal);

        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        Assert.Contains(JsonNode.Parse(row.GetString("Guardrails"))!.AsArray(), o => o!["direction"]!.GetValue<string>() == "output");
    }

    [Fact]
    public async Task Mask_APlaceholderTheClientTypedItself_IsNeitherReusedNorRestored()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        var response = await fixture.Client(secret).PostAsJsonAsync("/v1/chat/completions", Chat("masked", $"{marker} [EMAIL_1] is {Address}"));

        Assert.Contains($"{marker} [EMAIL_1] is [EMAIL_2]", Upstream(marker), StringComparison.Ordinal);
        Assert.EndsWith($"{marker} [EMAIL_1] is {Address}", await ContentAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_TheProviderAndTheClientSeeTheRedactionMarker()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        var response = await fixture.Client(secret).PostAsJsonAsync("/v1/chat/completions", Chat("redacted", $"{marker} mail {Address}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{marker} mail [REDACTED_EMAIL]", Upstream(marker), StringComparison.Ordinal);
        Assert.EndsWith($"{marker} mail [REDACTED_EMAIL]", await ContentAsync(response), StringComparison.Ordinal);
        Assert.Equal("pii:EMAIL=redact", Header(response, "x-gatehouse-guardrails"));
        Assert.False(response.Headers.Contains("x-gatehouse-guardrails-output"), "an input-only policy does not inspect the answer");
    }

    [Fact]
    public async Task MaskAndFallback_TheFallbackModelGetsThePlaceholders()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        var response = await fixture.Client(secret).PostAsJsonAsync("/v1/chat/completions", Chat("mask-fallback", $"{marker} jailbreak {Address}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("deny-list:DENY_TERM=fallback,pii:EMAIL=mask", Header(response, "x-gatehouse-guardrails"));
        var upstream = JsonNode.Parse(Upstream(marker))!;
        Assert.Equal("strict-model", upstream["model"]!.GetValue<string>());
        Assert.Equal($"{marker} jailbreak [EMAIL_1]", upstream["messages"]![1]!["content"]!.GetValue<string>());
        Assert.EndsWith($"{marker} jailbreak {Address}", await ContentAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mask_EmbeddingsInput_IsMaskedToo()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        var response = await fixture.Client(secret).PostAsJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = new[] { $"{marker} {Address}", "plain" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var input = JsonNode.Parse(Upstream(marker))!["input"]!.AsArray();
        Assert.Equal([$"{marker} [EMAIL_1]", "plain"], input.Select(n => n!.GetValue<string>()));
    }
}
