using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Providers;
using Gatehouse.Providers.Anthropic;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.Tests.Providers.Anthropic;

/// <summary>The request the adapter builds, and answers translated from recorded Anthropic payloads.</summary>
public sealed class AnthropicAdapterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly AnthropicAdapter _adapter = new(new FakeTimeProvider(Now));

    private static ProviderRequest Chat(bool stream = false) =>
        new(ProviderOperation.ChatCompletions, JsonNode.Parse("""{"model":"alias","messages":[{"role":"user","content":"Hi"}]}""")!.AsObject(), stream);

    private static HttpResponseMessage Answer(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public void Name_IsAnthropic() => Assert.Equal(ProviderNames.Anthropic, _adapter.Name);

    [Fact]
    public void CreateRequest_PostsToMessages_WithKeyVersionAndJson()
    {
        using var message = _adapter.CreateRequest(Chat(), AnthropicTestDeployments.Claude());

        Assert.Equal(HttpMethod.Post, message.Method);
        Assert.Equal("https://api.anthropic.com/v1/messages", message.RequestUri!.AbsoluteUri);
        Assert.Equal(AnthropicTestDeployments.ApiKey, message.Headers.GetValues("x-api-key").Single());
        Assert.Equal("2023-06-01", message.Headers.GetValues("anthropic-version").Single());
        Assert.Equal("application/json", message.Content!.Headers.ContentType!.MediaType);
        Assert.Null(message.Headers.Authorization);
        Assert.Empty(message.Headers.Accept);
    }

    [Fact]
    public void CreateRequest_ConfiguredApiVersion_Wins_StreamAcceptsEventStream()
    {
        using var message = _adapter.CreateRequest(Chat(stream: true), AnthropicTestDeployments.Claude(apiVersion: "2024-01-01"));

        Assert.Equal("2024-01-01", message.Headers.GetValues("anthropic-version").Single());
        Assert.Equal("text/event-stream", message.Headers.Accept.Single().MediaType);
    }

    [Fact]
    public void CreateRequest_NoKey_SendsNoKeyHeader()
    {
        using var message = _adapter.CreateRequest(Chat(), AnthropicTestDeployments.Claude(apiKey: null));

        Assert.False(message.Headers.Contains("x-api-key"));
    }

    [Fact]
    public async Task ReadResponseAsync_TextAnswer_IsAChatCompletion()
    {
        using var response = Answer("""
            {"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"text","text":"Hi! My name is "},{"type":"text","text":"Claude."}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":25}}
            """);

        var answer = await _adapter.ReadResponseAsync(response, CancellationToken.None);

        var body = answer.Body;
        Assert.Equal("msg_013Zva2CMHLNnXjNJJKqJ2EF", body["id"]!.GetValue<string>());
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal(Now.ToUnixTimeSeconds(), body["created"]!.GetValue<long>());
        Assert.Equal("claude-sonnet-4-5-20250929", body["model"]!.GetValue<string>());
        var choice = body["choices"]![0]!;
        Assert.Equal("""{"role":"assistant","content":"Hi! My name is Claude."}""", choice["message"]!.ToJsonString());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal(new TokenUsage(10, 25, 35), answer.Usage);
    }

    [Fact]
    public async Task ReadResponseAsync_ToolUse_IsToolCalls_WithArgumentsAsJsonString()
    {
        using var response = Answer("""
            {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","input":{"location":"San Francisco, CA","unit":"celsius"}}],
             "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":89}}
            """);

        var body = (await _adapter.ReadResponseAsync(response, CancellationToken.None)).Body;

        var choice = body["choices"]![0]!;
        Assert.Null(choice["message"]!["content"]);
        var call = choice["message"]!["tool_calls"]![0]!;
        Assert.Equal("toolu_01A09q90qw90lq917835lq9", call["id"]!.GetValue<string>());
        Assert.Equal("function", call["type"]!.GetValue<string>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"location":"San Francisco, CA","unit":"celsius"}""", call["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    [InlineData("pause_turn", "stop")]
    public async Task ReadResponseAsync_StopReason_IsFinishReason(string stopReason, string finishReason)
    {
        using var response = Answer($$$"""
            {"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"x"}],
             "stop_reason":"{{{stopReason}}}","usage":{"input_tokens":1,"output_tokens":1}}
            """);

        var body = (await _adapter.ReadResponseAsync(response, CancellationToken.None)).Body;

        Assert.Equal(finishReason, body["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadResponseAsync_CacheTokens_CountInPrompt_ReadsAreCached()
    {
        using var response = Answer("""
            {"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"x"}],"stop_reason":"end_turn",
             "usage":{"input_tokens":21,"cache_creation_input_tokens":188,"cache_read_input_tokens":1500,"output_tokens":393}}
            """);

        var answer = await _adapter.ReadResponseAsync(response, CancellationToken.None);

        Assert.Equal(new TokenUsage(1709, 393, 2102) { CachedPromptTokens = 1500 }, answer.Usage);
        Assert.Equal(1500, answer.Body["usage"]!["prompt_tokens_details"]!["cached_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(400, "invalid_request_error", "max_tokens: Field required", ProviderErrorKind.BadRequest)]
    [InlineData(400, "invalid_request_error", "Output blocked by content filtering policy", ProviderErrorKind.ContentFiltered)]
    [InlineData(401, "authentication_error", "invalid x-api-key", ProviderErrorKind.Auth)]
    [InlineData(403, "permission_error", "Your API key does not have permission to use the specified resource.", ProviderErrorKind.Auth)]
    [InlineData(404, "not_found_error", "model: claude-nope", ProviderErrorKind.BadRequest)]
    [InlineData(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.", ProviderErrorKind.BadRequest)]
    [InlineData(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", ProviderErrorKind.RateLimited)]
    [InlineData(500, "api_error", "Internal server error", ProviderErrorKind.Server)]
    [InlineData(529, "overloaded_error", "Overloaded", ProviderErrorKind.Server)]
    public async Task ReadErrorAsync_AnthropicErrorBody_Classified(int status, string type, string message, ProviderErrorKind kind)
    {
        using var response = Answer($$$"""
            {"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}
            """, (HttpStatusCode)status);

        var error = await _adapter.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.UpstreamStatus);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task ReadErrorAsync_429_ReadsRetryAfter()
    {
        using var response = Answer("""{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}""", HttpStatusCode.TooManyRequests);
        response.Headers.Add("retry-after", "17");
        response.Headers.Add("anthropic-ratelimit-requests-remaining", "0");

        var error = await _adapter.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(ProviderErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(17), error.RetryAfter);
    }

    [Theory]
    [InlineData(529, "<html>overloaded</html>", ProviderErrorKind.Server)]
    [InlineData(502, "", ProviderErrorKind.Server)]
    [InlineData(401, "{}", ProviderErrorKind.Auth)]
    [InlineData(422, "[1,2", ProviderErrorKind.BadRequest)]
    public async Task ReadErrorAsync_MalformedBody_StatusDecides_PlainMessage(int status, string body, ProviderErrorKind kind)
    {
        using var response = Answer(body, (HttpStatusCode)status);

        var error = await _adapter.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(kind, error.Kind);
        Assert.StartsWith($"The upstream provider answered {status}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadErrorAsync_LongMessage_Truncated()
    {
        var message = new string('x', 2_000);
        using var response = Answer($$$"""{"type":"error","error":{"type":"invalid_request_error","message":"{{{message}}}"}}""", HttpStatusCode.BadRequest);

        var error = await _adapter.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(503, error.Message.Length);
        Assert.EndsWith("...", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadErrorAsync_BodyPast16KB_NotReadWhole_PlainMessage()
    {
        var message = new string('x', 100_000);
        using var response = Answer($$$"""{"type":"error","error":{"type":"invalid_request_error","message":"{{{message}}}"}}""", HttpStatusCode.BadRequest);

        var error = await _adapter.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal("The upstream provider answered 400 Bad Request.", error.Message);
        Assert.Equal(ProviderErrorKind.BadRequest, error.Kind);
    }
}
