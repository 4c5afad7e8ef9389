using System.Text.Json.Nodes;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Redaction;
using Gatehouse.Providers;

namespace Gatehouse.Tests.Guardrails.Redaction;

public sealed class RequestRedactorTests
{
    private static readonly EmailStubDetector Emails = new();

    private static async Task<(JsonObject Body, RedactionVault Vault, List<GuardrailRewrite> Applied)> MaskAsync(ProviderOperation operation, JsonObject body, GuardrailAction action = GuardrailAction.Mask)
    {
        var input = GuardrailInput.FromBody(operation, body);
        var findings = await Emails.InspectAsync(input, CancellationToken.None);
        var vault = new RedactionVault(body.ToJsonString());
        var applied = new List<GuardrailRewrite>();
        var rewritten = RequestRedactor.Apply(operation, body, input, [.. findings.Select(f => new GuardrailRewrite(f, action))], vault, applied);
        return (rewritten, vault, applied);
    }

    [Fact]
    public async Task Apply_Chat_MasksEveryMessageAndPart_SameValueSamePlaceholder_OriginalUntouched()
    {
        var body = JsonNode.Parse("""
            {"model":"chat","messages":[
              {"role":"system","content":"Reply to ann@example.com only."},
              {"role":"user","content":[{"type":"text","text":"I am ann@example.com, cc bob@example.com"},{"type":"image_url","image_url":{"url":"https://x/ann@example.com.png"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"send","arguments":"{\"to\":\"bob@example.com\"}"}}]},
              {"role":"user","content":"and [EMAIL_1] is literal text"}]}
            """)!.AsObject();
        var original = body.ToJsonString();

        var (masked, vault, applied) = await MaskAsync(ProviderOperation.ChatCompletions, body);

        Assert.Equal(original, body.ToJsonString());
        var messages = masked["messages"]!.AsArray();
        Assert.Equal("Reply to [EMAIL_2] only.", messages[0]!["content"]!.GetValue<string>());
        Assert.Equal("I am [EMAIL_2], cc [EMAIL_3]", messages[1]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("""{"to":"[EMAIL_3]"}""", messages[2]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("https://x/[EMAIL_2].png", messages[1]!["content"]![1]!["image_url"]!["url"]!.GetValue<string>());
        Assert.Equal("and [EMAIL_1] is literal text", messages[3]!["content"]!.GetValue<string>());
        Assert.DoesNotContain("@example.com", masked.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(3, applied.Count);
        Assert.Equal(2, vault.Count);
    }

    [Fact]
    public async Task Apply_Embeddings_StringAndArray()
    {
        var (single, _, _) = await MaskAsync(ProviderOperation.Embeddings, JsonNode.Parse("""{"input":"write to ann@example.com"}""")!.AsObject());
        var (array, _, _) = await MaskAsync(ProviderOperation.Embeddings,
            JsonNode.Parse("""{"input":["no mail","bob@example.com and ann@example.com"]}""")!.AsObject(), GuardrailAction.Redact);

        Assert.Equal("write to [EMAIL_1]", single["input"]!.GetValue<string>());
        Assert.Equal(["no mail", "[REDACTED_EMAIL] and [REDACTED_EMAIL]"], array["input"]!.AsArray().Select(n => n!.GetValue<string>()));
    }
}
