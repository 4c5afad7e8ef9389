using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Providers;
using static Gatehouse.Tests.Providers.Gemini.GeminiTestRequests;

namespace Gatehouse.Tests.Providers.Gemini;

/// <summary>Recorded <c>streamGenerateContent?alt=sse</c> streams read into OpenAI chunks.</summary>
public sealed class GeminiStreamTranslatorTests
{
    private const string Ask = """{"model":"alias","stream":true,"messages":[{"role":"user","content":"hi"}]}""";
    private const string AskWithUsage = """{"model":"alias","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""";

    private const string First = """{"candidates":[{"content":{"parts":[{"text":"Hello"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":4,"totalTokenCount":4},"modelVersion":"gemini-2.0-flash","responseId":"r1"}""";
    private const string Second = """{"candidates":[{"content":{"parts":[{"text":" wörld"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":2,"totalTokenCount":6},"modelVersion":"gemini-2.0-flash","responseId":"r1"}""";
    private const string Last = """{"candidates":[{"content":{"parts":[{"text":"!"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":3,"totalTokenCount":7},"modelVersion":"gemini-2.0-flash","responseId":"r1"}""";

    private static async Task<List<ChatStreamChunk>> ReadAsync(string sse, string openAIBody = Ask, bool addStreamUsage = false)
    {
        var adapter = Adapter();
        using var request = adapter.CreateRequest(Chat(openAIBody, stream: true, addStreamUsage), Deployment());
        using var response = Answer(request, sse, "text/event-stream");
        var chunks = new List<ChatStreamChunk>();
        await foreach (var chunk in adapter.ReadStreamAsync(response, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private static JsonNode Choice(ChatStreamChunk chunk) => chunk.Json!["choices"]![0]!;

    [Fact]
    public async Task TextStream_IsRoleContentFinishUsageAndDone_AllWithOneIdentity()
    {
        var chunks = await ReadAsync(Sse(First, Second, Last), AskWithUsage);

        Assert.Equal(7, chunks.Count);
        Assert.Equal("""{"role":"assistant","content":""}""", Choice(chunks[0])["delta"]!.ToJsonString());
        Assert.Equal(["Hello", " wörld", "!"], chunks[1..4].Select(c => Choice(c)["delta"]!["content"]!.GetValue<string>()));
        Assert.Contains(" wörld", Encoding.UTF8.GetString(chunks[2].Data.Span), StringComparison.Ordinal);
        Assert.Equal("""{"index":0,"delta":{},"finish_reason":"stop"}""", Choice(chunks[4]).ToJsonString());
        Assert.Equal("""{"prompt_tokens":4,"completion_tokens":3,"total_tokens":7}""", chunks[5].Json!["usage"]!.ToJsonString());
        Assert.Empty(chunks[5].Json!["choices"]!.AsArray());
        Assert.Equal(new TokenUsage(4, 3, 7), chunks[5].Usage);
        Assert.True(chunks[6].IsDone);
        foreach (var chunk in chunks[..6])
        {
            Assert.Equal("chatcmpl-r1", chunk.Json!["id"]!.GetValue<string>());
            Assert.Equal("chat.completion.chunk", chunk.Json["object"]!.GetValue<string>());
            Assert.Equal(Now.ToUnixTimeSeconds(), chunk.Json["created"]!.GetValue<long>());
            Assert.Equal("gemini-2.0-flash", chunk.Json["model"]!.GetValue<string>());
        }

        Assert.All(chunks[..5], c => Assert.Null(c.Usage));
        Assert.All(chunks[..6], c => Assert.DoesNotContain("\"usage\":null", Encoding.UTF8.GetString(c.Data.Span), StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsageChunk_IsSentWhenTheGatewayWantsIt_AndNotWhenNobodyAsked()
    {
        var wanted = await ReadAsync(Sse(First, Last), Ask, addStreamUsage: true);
        var unwanted = await ReadAsync(Sse(First, Last), Ask, addStreamUsage: false);

        Assert.NotNull(wanted[^2].Usage);
        Assert.True(wanted[^1].IsDone);
        Assert.DoesNotContain(unwanted, c => c.Usage is not null);
        Assert.True(unwanted[^1].IsDone);
    }

    [Fact]
    public async Task FunctionCalls_AreToolCallDeltasWithWholeArguments_AndFinishWithToolCalls()
    {
        var chunks = await ReadAsync(Sse("""
            {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"functionCall":{"name":"get_time","args":{}}}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":30,"candidatesTokenCount":8,"totalTokenCount":38},"modelVersion":"gemini-2.0-flash"}
            """.ReplaceLineEndings("")));

        Assert.Equal(
            """[{"index":0,"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\u0022city\u0022:\u0022Paris\u0022}"}},{"index":1,"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{}"}}]""",
            Choice(chunks[1])["delta"]!["tool_calls"]!.ToJsonString());
        Assert.Equal("tool_calls", Choice(chunks[2])["finish_reason"]!.GetValue<string>());
        Assert.True(chunks[^1].IsDone);
    }

    [Fact]
    public async Task StreamThatEndsBeforeAFinishReason_HasNoDone()
    {
        var chunks = await ReadAsync(Sse(First, Second), AskWithUsage);

        Assert.Equal(3, chunks.Count);
        Assert.DoesNotContain(chunks, c => c.IsDone || c.Usage is not null);
    }

    [Fact]
    public async Task ErrorObjectInTheStream_IsThrownAsTheFailureItReports()
    {
        var error = await Assert.ThrowsAsync<UpstreamStreamException>(() => ReadAsync(Sse(First,
            """{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""")));

        Assert.Equal(ProviderErrorKind.Server, error.Error.Kind);
        Assert.Null(error.Error.UpstreamStatus);
        Assert.Equal("The model is overloaded. Please try again later.", error.Error.Message);
    }

    [Fact]
    public async Task BlockedPrompt_IsAContentFilterFinish_ThenDone()
    {
        var chunks = await ReadAsync(Sse("""{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"usageMetadata":{"promptTokenCount":6,"totalTokenCount":6},"modelVersion":"gemini-2.0-flash"}"""), AskWithUsage);

        Assert.Equal(4, chunks.Count);
        Assert.Equal("assistant", Choice(chunks[0])["delta"]!["role"]!.GetValue<string>());
        Assert.Equal("content_filter", Choice(chunks[1])["finish_reason"]!.GetValue<string>());
        Assert.Equal(6, chunks[2].Usage!.PromptTokens);
        Assert.True(chunks[3].IsDone);
    }

    [Fact]
    public async Task SeveralCandidates_AreDoneOnlyWhenAllHaveFinished()
    {
        const string both = """{"candidates":[{"content":{"parts":[{"text":"A"}],"role":"model"},"index":0},{"content":{"parts":[{"text":"B"}],"role":"model"},"index":1}]}""";
        const string firstDone = """{"candidates":[{"content":{"parts":[{"text":"."}],"role":"model"},"finishReason":"STOP","index":0}]}""";
        const string secondDone = """{"candidates":[{"content":{"parts":[{"text":"."}],"role":"model"},"finishReason":"MAX_TOKENS","index":1}]}""";

        var cut = await ReadAsync(Sse(both, firstDone));
        var whole = await ReadAsync(Sse(both, firstDone, secondDone));

        Assert.DoesNotContain(cut, c => c.IsDone);
        Assert.True(whole[^1].IsDone);
        Assert.Equal("length", whole.Select(c => c.Json?["choices"]?.AsArray().FirstOrDefault()).Last(c => c?["index"]?.GetValue<int>() == 1)!["finish_reason"]!.GetValue<string>());
    }
}
