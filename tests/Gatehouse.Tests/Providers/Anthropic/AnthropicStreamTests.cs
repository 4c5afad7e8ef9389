using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Providers;
using Gatehouse.Providers.Anthropic;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.Tests.Providers.Anthropic;

/// <summary>Anthropic event streams (recorded shapes) as the OpenAI chunk stream the relay expects.</summary>
public sealed class AnthropicStreamTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private const string TextStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"! \"Bonjour\" – ça va?"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    private const string ToolStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":400,"output_tokens":2},"content":[],"stop_reason":null}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\":"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \"Paris\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: content_block_start
        data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_02","name":"get_time","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":2}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    private static async Task<List<ChatStreamChunk>> ReadAsync(string sse)
    {
        var adapter = new AnthropicAdapter(new FakeTimeProvider(Now));
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(sse.ReplaceLineEndings("\n"), Encoding.UTF8, "text/event-stream"),
        };
        var chunks = new List<ChatStreamChunk>();
        await foreach (var chunk in adapter.ReadStreamAsync(response, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private static JsonNode? Delta(ChatStreamChunk chunk) => chunk.Json!["choices"]![0]!["delta"];

    /// <summary>The JSON with every argument fragment replaced by "x", to compare shapes without escaping noise.</summary>
    private static string Shape(JsonNode? toolCalls)
    {
        var copy = toolCalls!.DeepClone();
        foreach (var call in copy.AsArray())
        {
            call!["function"]!["arguments"] = "x";
        }

        return copy.ToJsonString();
    }

    [Fact]
    public async Task ReadStreamAsync_Text_RoleContentFinishUsageDone()
    {
        var chunks = await ReadAsync(TextStream);

        Assert.Equal(6, chunks.Count);
        Assert.Equal("""{"role":"assistant","content":""}""", Delta(chunks[0])!.ToJsonString());
        Assert.Equal("Hello", Delta(chunks[1])!["content"]!.GetValue<string>());
        Assert.Equal("! \"Bonjour\" – ça va?", Delta(chunks[2])!["content"]!.GetValue<string>());
        Assert.Equal("{}", Delta(chunks[3])!.ToJsonString());
        Assert.Equal("stop", chunks[3].Json!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Empty(chunks[4].Json!["choices"]!.AsArray());
        Assert.Equal(new TokenUsage(25, 15, 40), chunks[4].Usage);
        Assert.True(chunks[5].IsDone);
    }

    [Fact]
    public async Task ReadStreamAsync_EveryChunk_SameIdCreatedModel_NoUsageNullMember()
    {
        var chunks = await ReadAsync(TextStream);

        foreach (var chunk in chunks[..^1])
        {
            var json = chunk.Json!;
            Assert.Equal("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", json["id"]!.GetValue<string>());
            Assert.Equal("chat.completion.chunk", json["object"]!.GetValue<string>());
            Assert.Equal(Now.ToUnixTimeSeconds(), json["created"]!.GetValue<long>());
            Assert.Equal("claude-sonnet-4-5-20250929", json["model"]!.GetValue<string>());
            Assert.DoesNotContain("\"usage\":null", Encoding.UTF8.GetString(chunk.Data.Span), StringComparison.Ordinal);
        }

        Assert.Single(chunks, c => c.Usage is not null);
    }

    [Fact]
    public async Task ReadStreamAsync_ToolUse_ToolCallChunksThenArgumentFragments()
    {
        var chunks = await ReadAsync(ToolStream);

        var deltas = chunks.Where(c => c.Json?["choices"] is JsonArray { Count: 1 }).Select(Delta).ToList();
        Assert.Equal("Let me check.", deltas[1]!["content"]!.GetValue<string>());
        Assert.Equal(
            """{"tool_calls":[{"index":0,"id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","type":"function","function":{"name":"get_weather","arguments":""}}]}""",
            deltas[2]!.ToJsonString());
        Assert.Equal("{\"location\":", deltas[3]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal(" \"Paris\"}", deltas[4]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("""[{"index":0,"function":{"arguments":"x"}}]""", Shape(deltas[3]!["tool_calls"]));
        Assert.Equal(1, deltas[5]!["tool_calls"]![0]!["index"]!.GetValue<int>());
        Assert.Equal("get_time", deltas[5]!["tool_calls"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("{}", deltas[6]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("tool_calls", chunks[^3].Json!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(new TokenUsage(872, 89, 961) { CachedPromptTokens = 400 }, chunks[^2].Usage);
        Assert.True(chunks[^1].IsDone);
    }

    [Fact]
    public async Task ReadStreamAsync_MessageDeltaWithInputCounts_LaterCountsWin()
    {
        var sse = TextStream.Replace(
            "\"usage\":{\"output_tokens\":15}",
            "\"usage\":{\"input_tokens\":30,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":5,\"output_tokens\":15}",
            StringComparison.Ordinal);

        var chunks = await ReadAsync(sse);

        Assert.Equal(new TokenUsage(35, 15, 50) { CachedPromptTokens = 5 }, chunks[^2].Usage);
    }

    [Fact]
    public async Task ReadStreamAsync_EndsWithoutMessageStop_NoDone()
    {
        var cut = TextStream[..TextStream.IndexOf("event: content_block_stop", StringComparison.Ordinal)];

        var chunks = await ReadAsync(cut);

        Assert.Equal(3, chunks.Count);
        Assert.DoesNotContain(chunks, c => c.IsDone);
    }

    [Theory]
    [InlineData("overloaded_error", ProviderErrorKind.Server)]
    [InlineData("api_error", ProviderErrorKind.Server)]
    [InlineData("rate_limit_error", ProviderErrorKind.RateLimited)]
    [InlineData("invalid_request_error", ProviderErrorKind.BadRequest)]
    [InlineData("something_new", ProviderErrorKind.Server)]
    public async Task ReadStreamAsync_ErrorEvent_ThrowsUpstreamStreamException(string type, ProviderErrorKind kind)
    {
        var sse = TextStream[..TextStream.IndexOf("event: content_block_stop", StringComparison.Ordinal)] + $$$"""
            event: error
            data: {"type": "error", "error": {"type": "{{{type}}}", "message": "Overloaded"}}


            """;
        var adapter = new AnthropicAdapter(new FakeTimeProvider(Now));
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(sse.ReplaceLineEndings("\n")) };
        var seen = new List<ChatStreamChunk>();

        var e = await Assert.ThrowsAsync<UpstreamStreamException>(async () =>
        {
            await foreach (var chunk in adapter.ReadStreamAsync(response, CancellationToken.None))
            {
                seen.Add(chunk);
            }
        });

        Assert.Equal(kind, e.Error.Kind);
        Assert.Null(e.Error.UpstreamStatus);
        Assert.Contains(type, e.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, seen.Count); // what came before the error was delivered
    }

    [Fact]
    public async Task ReadStreamAsync_MaxTokens_FinishReasonLength()
    {
        var chunks = await ReadAsync(TextStream.Replace("\"stop_reason\":\"end_turn\"", "\"stop_reason\":\"max_tokens\"", StringComparison.Ordinal));

        Assert.Equal("length", chunks[^3].Json!["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }
}
