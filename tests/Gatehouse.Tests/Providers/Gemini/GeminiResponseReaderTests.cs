using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Gatehouse.Providers;
using static Gatehouse.Tests.Providers.Gemini.GeminiTestRequests;

namespace Gatehouse.Tests.Providers.Gemini;

/// <summary>Gemini answers (as recorded from the API) read into OpenAI chat completions and embedding lists.</summary>
public sealed class GeminiResponseReaderTests
{
    private static async Task<ProviderResponse> ReadAsync(string geminiAnswer, string openAIBody = """{"model":"alias","messages":[{"role":"user","content":"hi"}]}""")
    {
        var adapter = Adapter();
        using var request = adapter.CreateRequest(Chat(openAIBody), Deployment());
        using var response = Answer(request, geminiAnswer);
        return await adapter.ReadResponseAsync(response, CancellationToken.None);
    }

    [Fact]
    public async Task TextAnswer_IsAChatCompletion_WithUsageCountingThoughtsAsCompletion()
    {
        var answer = await ReadAsync("""
            {"candidates":[{"content":{"parts":[{"text":"Thinking...","thought":true},{"text":"Hello "},{"text":"there."}],"role":"model"},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":3,"thoughtsTokenCount":20,"cachedContentTokenCount":8,"totalTokenCount":35},
             "modelVersion":"gemini-2.0-flash-001","responseId":"abc123"}
            """);

        var body = answer.Body;
        Assert.Equal("chatcmpl-abc123", body["id"]!.GetValue<string>());
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal(Now.ToUnixTimeSeconds(), body["created"]!.GetValue<long>());
        Assert.Equal("gemini-2.0-flash-001", body["model"]!.GetValue<string>());
        Assert.Equal("""[{"index":0,"message":{"role":"assistant","content":"Hello there."},"finish_reason":"stop"}]""", body["choices"]!.ToJsonString());
        Assert.Equal(
            """{"prompt_tokens":12,"completion_tokens":23,"total_tokens":35,"prompt_tokens_details":{"cached_tokens":8},"completion_tokens_details":{"reasoning_tokens":20}}""",
            body["usage"]!.ToJsonString());
        Assert.Equal(new TokenUsage(12, 23, 35) { CachedPromptTokens = 8 }, answer.Usage);
    }

    [Fact]
    public async Task FunctionCalls_BecomeToolCalls_AndTheFinishReasonToolCalls()
    {
        var answer = await ReadAsync("""
            {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"functionCall":{"name":"get_time"}}],"role":"model"},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":10,"totalTokenCount":50},"modelVersion":"gemini-2.0-flash"}
            """);

        Assert.Equal(
            """{"role":"assistant","content":null,"tool_calls":[{"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\u0022city\u0022:\u0022Paris\u0022}"}},{"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{}"}}]}""",
            answer.Body["choices"]![0]!["message"]!.ToJsonString());
        Assert.Equal("tool_calls", answer.Body["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("STOP", "stop")]
    [InlineData("MAX_TOKENS", "length")]
    [InlineData("SAFETY", "content_filter")]
    [InlineData("RECITATION", "content_filter")]
    [InlineData("BLOCKLIST", "content_filter")]
    [InlineData("PROHIBITED_CONTENT", "content_filter")]
    [InlineData("SPII", "content_filter")]
    [InlineData("OTHER", "stop")]
    public async Task FinishReasons_MapToOpenAIs(string gemini, string openAI)
    {
        var answer = await ReadAsync($$"""{"candidates":[{"content":{"parts":[{"text":"x"}],"role":"model"},"finishReason":"{{gemini}}","index":0}]}""");

        Assert.Equal(openAI, answer.Body["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task CandidateWithoutContent_HasEmptyContent()
    {
        var answer = await ReadAsync("""{"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[]}],"usageMetadata":{"promptTokenCount":5,"totalTokenCount":5}}""");

        Assert.Equal("""{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"content_filter"}""", answer.Body["choices"]![0]!.ToJsonString());
        Assert.Equal(new TokenUsage(5, 0, 5), answer.Usage);
    }

    [Fact]
    public async Task BlockedPrompt_IsAnEmptyContentFilteredAnswer()
    {
        var answer = await ReadAsync("""
            {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH"}]},
             "usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.0-flash"}
            """);

        Assert.Equal("""[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"content_filter"}]""", answer.Body["choices"]!.ToJsonString());
        Assert.Equal(9, answer.Usage!.PromptTokens);
    }

    [Fact]
    public async Task SeveralCandidates_AreSeveralChoicesInIndexOrder()
    {
        var answer = await ReadAsync("""
            {"candidates":[{"content":{"parts":[{"text":"B"}],"role":"model"},"finishReason":"STOP","index":1},
                           {"content":{"parts":[{"text":"A"}],"role":"model"},"finishReason":"MAX_TOKENS","index":0}]}
            """);

        var choices = answer.Body["choices"]!.AsArray();
        Assert.Equal(["A", "B"], choices.Select(c => c!["message"]!["content"]!.GetValue<string>()));
        Assert.Equal(["length", "stop"], choices.Select(c => c!["finish_reason"]!.GetValue<string>()));
        Assert.Null(answer.Usage);
    }

    [Fact]
    public async Task AnswerWithNeitherCandidatesNorBlockReason_IsMalformed()
    {
        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => ReadAsync("""{"usageMetadata":{"promptTokenCount":1}}"""));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("float")]
    [InlineData("base64")]
    public async Task Embeddings_AreAnOpenAIList_InTheAskedEncoding_WithoutUsage(string? encoding)
    {
        var adapter = Adapter();
        var body = new JsonObject { ["model"] = "alias", ["input"] = new JsonArray("a", "b") };
        if (encoding is not null)
        {
            body["encoding_format"] = encoding;
        }

        using var request = adapter.CreateRequest(new ProviderRequest(ProviderOperation.Embeddings, body, Stream: false), Deployment("text-embedding-004"));
        using var response = Answer(request, """{"embeddings":[{"values":[0.5,-0.25]},{"values":[1,0]}]}""");

        var answer = await adapter.ReadResponseAsync(response, CancellationToken.None);

        Assert.Equal("list", answer.Body["object"]!.GetValue<string>());
        Assert.Equal("text-embedding-004", answer.Body["model"]!.GetValue<string>());
        Assert.Null(answer.Usage);
        Assert.False(answer.Body.ContainsKey("usage"));
        var data = answer.Body["data"]!.AsArray();
        Assert.Equal([0, 1], data.Select(d => d!["index"]!.GetValue<int>()));
        Assert.All(data, d => Assert.Equal("embedding", d!["object"]!.GetValue<string>()));
        var first = data[0]!["embedding"]!;
        if (encoding == "base64")
        {
            var bytes = Convert.FromBase64String(first.GetValue<string>());
            Assert.Equal([0.5f, -0.25f], [BinaryPrimitives.ReadSingleLittleEndian(bytes), BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4))]);
        }
        else
        {
            Assert.Equal("[0.5,-0.25]", first.ToJsonString());
        }
    }
}
