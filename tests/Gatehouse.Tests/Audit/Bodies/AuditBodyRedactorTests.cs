using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gatehouse.Audit.Bodies;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors.Pii;
using Gatehouse.Guardrails.Detectors.Secrets;
using Gatehouse.Providers;

namespace Gatehouse.Tests.Audit.Bodies;

public sealed class AuditBodyRedactorTests
{
    private static readonly string Token = "ghp_" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36);

    private readonly AuditBodyRedactor _redactor = new(new IGuardrailDetector[] { new PiiDetector(), new SecretDetector() });

    [Fact]
    public async Task RedactPromptAsync_EmailAndToken_AreReplacedAndTheOriginalIsUntouched()
    {
        var body = Chat($"mail jane.doe@example.com the token {Token} please");

        var redacted = await _redactor.RedactPromptAsync(ProviderOperation.ChatCompletions, body, CancellationToken.None);

        var text = redacted.ToJsonString();
        Assert.DoesNotContain("jane.doe@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.Contains("[REDACTED_EMAIL", text, StringComparison.Ordinal);
        Assert.Contains("please", text, StringComparison.Ordinal);
        Assert.Contains("jane.doe@example.com", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedactPromptAsync_NothingFound_ReturnsTheBodyAsItIs()
    {
        var body = Chat("what is two plus two");

        Assert.Same(body, await _redactor.RedactPromptAsync(ProviderOperation.ChatCompletions, body, CancellationToken.None));
    }

    [Fact]
    public async Task RedactAnswerAsync_ContentAndToolArguments_AreReplaced()
    {
        var answer = new JsonObject
        {
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = "write to jane.doe@example.com",
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "call_1",
                        ["function"] = new JsonObject { ["name"] = "f", ["arguments"] = $$"""{"token":"{{Token}}"}""" },
                    }),
                },
            }),
        };

        var redacted = (await _redactor.RedactAnswerAsync(answer, CancellationToken.None)).ToJsonString();

        Assert.DoesNotContain("jane.doe@example.com", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, redacted, StringComparison.Ordinal);
        Assert.Contains("call_1", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedactPromptAsync_DetectorsMissing_FailsRatherThanStoringUnredacted()
    {
        var redactor = new AuditBodyRedactor([new PiiDetector()]);

        await Assert.ThrowsAsync<AuditBodyException>(() => redactor.RedactPromptAsync(ProviderOperation.ChatCompletions, Chat("hello"), CancellationToken.None).AsTask());
    }

    private static JsonObject Chat(string text) => new()
    {
        ["model"] = "m",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
    };
}
