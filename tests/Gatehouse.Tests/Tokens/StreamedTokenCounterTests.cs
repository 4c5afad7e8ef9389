using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Tokens;

namespace Gatehouse.Tests.Tokens;

public sealed class StreamedTokenCounterTests
{
    private static int CountOf(string model, params string[] chunks)
    {
        var counter = new StreamedTokenCounter(model);
        foreach (var chunk in chunks)
        {
            counter.Add(Encoding.UTF8.GetBytes(chunk));
        }

        return counter.CompletionTokens;
    }

    private static string ContentChunk(string text) =>
        new JsonObject { ["id"] = "c1", ["object"] = "chat.completion.chunk", ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = text }, ["finish_reason"] = null }) }.ToJsonString();

    [Fact]
    public void Add_ContentRefusalAndReasoning_AreCounted()
    {
        Assert.Equal(TokenEstimator.Count("Hello, world!"), CountOf("gpt-4o", ContentChunk("Hello, world!")));
        Assert.Equal(TokenEstimator.Count("I can't help with that."), CountOf("gpt-4o", """{"choices":[{"index":0,"delta":{"refusal":"I can't help with that."}}]}"""));
        Assert.Equal(TokenEstimator.Count("Let me think."), CountOf("gpt-4o", """{"choices":[{"index":0,"delta":{"reasoning_content":"Let me think."}}]}"""));
    }

    [Fact]
    public void Add_ToolCallChunks_CountFunctionNameAndArguments()
    {
        var tokens = CountOf("gpt-4o",
            """{"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}}]}""");

        Assert.Equal(TokenEstimator.Count("get_weather") + TokenEstimator.Count("{\"city\":") + TokenEstimator.Count("\"Paris\"}"), tokens);
    }

    [Theory]
    [InlineData("""{"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""")]
    [InlineData("""{"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""")]
    [InlineData("""{"id":"c1","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}""")]
    [InlineData("""{"id":"c1","model":"gpt-4o","system_fingerprint":"fp_1","choices":[{"index":0,"logprobs":{"content":[{"token":"Hi"}]},"delta":{"role":"assistant"}}]}""")]
    [InlineData("""{"content":"not in a choice","choices":[{"message":{"content":"not a delta"}}]}""")]
    public void Add_ChunksWithoutAnswerText_CountZero(string chunk) => Assert.Equal(0, CountOf("gpt-4o", chunk));

    [Theory]
    [InlineData("")]
    [InlineData("[DONE]")]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":")]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":42}}]}")]
    [InlineData("{\"choices\":{\"delta\":{\"content\":\"x\"}}}")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"bad \\ud800 surrogate\"}}]}")]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":[\"in an array\"]}}]}")]
    public void Add_MalformedOrUnexpected_IsIgnored_AndCountingGoesOn(string chunk)
    {
        var counter = new StreamedTokenCounter("gpt-4o");

        counter.Add(Encoding.UTF8.GetBytes(chunk));
        counter.Add(Encoding.UTF8.GetBytes(ContentChunk("Hello, world!")));

        Assert.Equal(TokenEstimator.Count("Hello, world!"), counter.CompletionTokens);
    }

    [Fact]
    public void Add_InvalidUtf8_IsIgnored()
    {
        var counter = new StreamedTokenCounter("gpt-4o");

        counter.Add([.. "{\"choices\":[{\"delta\":{\"content\":\""u8, 0xFF, 0xFE, .. "\"}}]}"u8]);

        Assert.Equal(0, counter.CompletionTokens);
    }

    [Fact]
    public void Add_EscapedAndLongText_IsCountedUnescaped()
    {
        var text = string.Concat(Enumerable.Repeat("Line one says \"hello\"\n\tand tabs — ünïcödé ✓. ", 40));

        Assert.Equal(TokenEstimator.Count(text), CountOf("gpt-4o", ContentChunk(text)));
    }

    [Theory]
    [InlineData("gpt-4o", false)]
    [InlineData("gpt-4-0613", false)]
    [InlineData("gpt-4o", true)]
    [InlineData("gpt-4-0613", true)]
    public void Add_TextStreamedWordByWord_IsWithinAFewPercentOfTheWholeCount(string model, bool spaceAfterWord)
    {
        const string text = "Tokenizers split text into pieces that models read. A gateway that streams an answer without usage "
            + "counts the pieces as they arrive, one chunk at a time, and settles the request with that count. Each chunk is "
            + "counted on its own, so a word broken across two chunks may cost one extra token; the total stays close.";
        var words = text.Split(' ');

        // OpenAI sends " word"; some servers send "word ", whose trailing spaces must not each count as a token.
        var chunks = words.Select((word, i) => ContentChunk(spaceAfterWord
            ? (i < words.Length - 1 ? word + " " : word)
            : (i == 0 ? word : " " + word))).ToArray();
        var whole = TokenEstimator.CountCompletion(
            new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["message"] = new JsonObject { ["content"] = text } }) }, model);

        var streamed = CountOf(model, chunks);

        Assert.InRange(streamed, whole, whole * 105 / 100);
    }

    [Fact]
    public void CompletionTokens_UnknownFamily_IsScaledOnce()
    {
        var raw = TokenEstimator.Count("Hello, world!") * 3;

        Assert.Equal((int)Math.Ceiling(raw * TokenEncoding.ApproximationFactor), CountOf("claude-sonnet-4", ContentChunk("Hello, world!"), ContentChunk("Hello, world!"), ContentChunk("Hello, world!")));
    }
}
