using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.TestDoubles.Anthropic;
using Gatehouse.TestDoubles.OpenAI;
using OpenAI;
using OpenAI.Chat;

namespace Gatehouse.IntegrationTests.Providers;

/// <summary>
/// The gateway in front of an Anthropic deployment (<see cref="FakeAnthropicServer"/>, which checks the key, the
/// version header and the body as Anthropic does): OpenAI-shaped requests in, OpenAI-shaped answers, streams and
/// errors out.
/// </summary>
public sealed class AnthropicAdapterTests(AnthropicAdapterTests.Fixture fixture) : IClassFixture<AnthropicAdapterTests.Fixture>
{
    private const string UpstreamModel = "claude-sonnet-4-5-20250929";

    /// <summary>The OpenAI double (the gateway's default provider) and an Anthropic double, with aliases routed to it.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public const string AnthropicKey = "sk-ant-api03-gatehouse-test-key-never-forwarded";

        public FakeOpenAIServer OpenAI { get; private set; } = null!;

        public FakeAnthropicServer Anthropic { get; private set; } = null!;

        public GatewayApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            OpenAI = await FakeOpenAIServer.StartAsync();
            Anthropic = await FakeAnthropicServer.StartAsync(new FakeAnthropicOptions { RequiredApiKey = AnthropicKey, RetryAfterSeconds = 7 });
            var settings = Pricing.For(UpstreamModel)
                .With("Gatehouse:Routing:Retry:MaxRetryAttempts", "0")
                .With("ANTHROPIC_TEST_KEY", AnthropicKey)
                .With("WRONG_ANTHROPIC_KEY", "sk-ant-api03-not-the-right-key")
                .With("Gatehouse:Providers:claude:Type", "anthropic")
                .With("Gatehouse:Providers:claude:BaseUrl", Anthropic.BaseUrl.ToString())
                .With("Gatehouse:Providers:claude:ApiKeySetting", "ANTHROPIC_TEST_KEY")
                .With("Gatehouse:Providers:claude-wrong-key:Type", "anthropic")
                .With("Gatehouse:Providers:claude-wrong-key:BaseUrl", Anthropic.BaseUrl.ToString())
                .With("Gatehouse:Providers:claude-wrong-key:ApiKeySetting", "WRONG_ANTHROPIC_KEY");
            foreach (var (alias, provider, model) in (ReadOnlySpan<(string, string, string)>)[
                ("claude", "claude", UpstreamModel), ("claude-tool", "claude", "tool"), ("claude-limited", "claude", "fail-429"),
                ("claude-overloaded", "claude", "fail-529"), ("claude-invalid", "claude", "fail-400"), ("claude-rejected", "claude", "fail-401"),
                ("claude-broken-stream", "claude", "abort-stream"), ("claude-error-stream", "claude", "error-stream"),
                ("claude-wrong-key", "claude-wrong-key", UpstreamModel)])
            {
                settings[$"Gatehouse:Models:{alias}:Deployments:0:Provider"] = provider;
                settings[$"Gatehouse:Models:{alias}:Deployments:0:Model"] = model;
            }

            App = new GatewayApp(OpenAI.BaseUrl, settings);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Anthropic.DisposeAsync();
            await OpenAI.DisposeAsync();
        }
    }

    private static object Chat(string model, string text, bool stream = false, bool includeUsage = false) => includeUsage
        ? new { model, stream, stream_options = new { include_usage = true }, messages = new[] { new { role = "user", content = text } } }
        : new { model, stream, messages = new[] { new { role = "user", content = text } } };

    private async Task<HttpClient> ClientAsync()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        return fixture.App.CreateClient(secret);
    }

    private RecordedRequest Upstream(string marker) =>
        fixture.Anthropic.Requests.Single(r => r.Body.Contains(marker, StringComparison.Ordinal));

    [Fact]
    public async Task Chat_Json_TranslatedToMessagesAndBack_WithTheProviderKeyOnly()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        var marker = Guid.NewGuid().ToString("N");
        var body = new
        {
            model = "claude",
            user = "end-user-42",
            messages = new object[] { new { role = "system", content = "Be brief." }, new { role = "user", content = $"hello {marker}" } },
        };

        var response = await client.PostAsJsonAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("chat.completion", answer["object"]!.GetValue<string>());
        Assert.StartsWith("msg_", answer["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(UpstreamModel, answer["model"]!.GetValue<string>());
        Assert.Equal($"You said: hello {marker}", answer["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", answer["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.True(answer["usage"]!["prompt_tokens"]!.GetValue<int>() > 0);
        Assert.Equal($"claude/{UpstreamModel}", response.Headers.GetValues("x-gatehouse-deployment").Single());

        var upstream = Upstream(marker);
        Assert.Equal("/v1/messages", upstream.Path);
        Assert.Equal(Fixture.AnthropicKey, upstream.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", upstream.Headers["anthropic-version"]);
        Assert.False(upstream.Headers.ContainsKey("Authorization"));
        Assert.DoesNotContain(secret, string.Join("\n", upstream.Headers.Values) + upstream.Body, StringComparison.Ordinal);
        var sent = JsonNode.Parse(upstream.Body)!;
        Assert.Equal(UpstreamModel, sent["model"]!.GetValue<string>());
        Assert.Equal("Be brief.", sent["system"]!.GetValue<string>());
        Assert.Equal(4096, sent["max_tokens"]!.GetValue<int>());
        Assert.Equal("end-user-42", sent["metadata"]!["user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_Json_CostHeader_IsTheReportedUsageAtThePrice()
    {
        using var client = await ClientAsync();

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("claude", "what does this cost"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["usage"]!;
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
        Assert.Equal(Pricing.Cost(usage), decimal.Parse(response.Headers.GetValues("x-gatehouse-cost-usd").Single(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Chat_MaxTokensAndStop_ReachAnthropic_AndShapeTheAnswer()
    {
        using var client = await ClientAsync();
        var marker = Guid.NewGuid().ToString("N");

        var cut = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "claude", max_completion_tokens = 2, messages = new[] { new { role = "user", content = $"one two three {marker}" } } });
        var stopped = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "claude", stop = "three", messages = new[] { new { role = "user", content = $"one two three {marker}" } } });

        var cutAnswer = JsonNode.Parse(await cut.Content.ReadAsStringAsync())!["choices"]![0]!;
        Assert.Equal("You said:", cutAnswer["message"]!["content"]!.GetValue<string>());
        Assert.Equal("length", cutAnswer["finish_reason"]!.GetValue<string>());
        var stoppedAnswer = JsonNode.Parse(await stopped.Content.ReadAsStringAsync())!["choices"]![0]!;
        Assert.Equal("You said: one two ", stoppedAnswer["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", stoppedAnswer["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_WithoutIncludeUsage_OpenAIChunksThenDone_NoUsageChunk()
    {
        using var client = await ClientAsync();
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("claude", $"stream {marker} please", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.Single(chunks.Select(c => c["id"]!.GetValue<string>()).Distinct());
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Equal($"You said: stream {marker} please", SseEvents.Text(events));
        Assert.Equal("stop", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.DoesNotContain(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
        Assert.True(Upstream(marker).Body.Contains("\"stream\":true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stream_IncludeUsage_LastChunkIsUsageOnly()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("claude", "count my tokens", stream: true, includeUsage: true));

        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        var last = JsonNode.Parse(events[^2])!;
        Assert.Empty(last["choices"]!.AsArray());
        Assert.True(last["usage"]!["completion_tokens"]!.GetValue<int>() > 0);
        Assert.True(last["usage"]!["prompt_tokens"]!.GetValue<int>() > 0);
        Assert.Single(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stream_OpenAISdk_GetsTextFinishReasonAndUsage()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var chat = new ChatClient("claude", new ApiKeyCredential(secret), new OpenAIClientOptions { Endpoint = new Uri(fixture.App.BaseUrl, "v1") });
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;

        await foreach (var update in chat.CompleteChatStreamingAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage("hello from the sdk")],
            new ChatCompletionOptions { MaxOutputTokenCount = 100 }))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal("You said: hello from the sdk", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task Tools_RoundTrip_CallThenResultThenAnswer()
    {
        using var client = await ClientAsync();
        var marker = Guid.NewGuid().ToString("N");
        var tools = JsonNode.Parse("""
            [{"type":"function","function":{"name":"get_weather","description":"Current weather",
              "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]
            """)!;
        var first = new JsonObject
        {
            ["model"] = "claude-tool",
            ["tools"] = tools.DeepClone(),
            ["tool_choice"] = "required",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"weather? {marker}" }),
        };

        var call = JsonNode.Parse(await (await client.PostAsync("/v1/chat/completions", Json(first))).Content.ReadAsStringAsync())!;

        var choice = call["choices"]![0]!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        var toolCall = choice["message"]!["tool_calls"]![0]!;
        Assert.Equal("get_weather", toolCall["function"]!["name"]!.GetValue<string>());
        Assert.Equal("fake-city", JsonNode.Parse(toolCall["function"]!["arguments"]!.GetValue<string>())!["city"]!.GetValue<string>());
        var sentFirst = JsonNode.Parse(Upstream(marker).Body)!;
        Assert.Equal("get_weather", sentFirst["tools"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("any", sentFirst["tool_choice"]!["type"]!.GetValue<string>());

        var second = new JsonObject
        {
            ["model"] = "claude-tool",
            ["tools"] = tools.DeepClone(),
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = $"weather? {marker}" },
                new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(toolCall.DeepClone()) },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = toolCall["id"]!.GetValue<string>(), ["content"] = "sunny, 21C" }),
        };

        var response = await client.PostAsync("/v1/chat/completions", Json(second));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!;
        Assert.Equal("The tool said: sunny, 21C", answer["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", answer["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tools_Streamed_ToolCallDeltasConcatenateToTheArguments()
    {
        using var client = await ClientAsync();
        var body = JsonNode.Parse("""
            {"model":"claude-tool","stream":true,"messages":[{"role":"user","content":"weather?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}}}}}]}
            """)!;

        using var response = await client.PostAsync("/v1/chat/completions", Json(body));

        var events = await SseEvents.ReadAllAsync(response);
        var calls = events[..^1].Select(e => JsonNode.Parse(e)!["choices"]!.AsArray().FirstOrDefault()?["delta"]?["tool_calls"]?[0]).Where(c => c is not null).ToList();
        Assert.Equal("get_weather", calls[0]!["function"]!["name"]!.GetValue<string>());
        Assert.StartsWith("toolu_", calls[0]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        var arguments = string.Concat(calls.Select(c => c!["function"]!["arguments"]!.GetValue<string>()));
        Assert.Equal("""{"city":"fake-city","days":1}""", arguments);
        Assert.Contains(events, e => e.Contains("\"finish_reason\":\"tool_calls\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("claude-limited", HttpStatusCode.TooManyRequests, "upstream_rate_limited")]
    [InlineData("claude-overloaded", HttpStatusCode.BadGateway, "upstream_error")]
    [InlineData("claude-invalid", HttpStatusCode.BadRequest, "upstream_bad_request")]
    [InlineData("claude-rejected", HttpStatusCode.BadGateway, "upstream_auth_failed")]
    [InlineData("claude-wrong-key", HttpStatusCode.BadGateway, "upstream_auth_failed")]
    public async Task Errors_AnthropicStatuses_MapToTheGatewaysOpenAIErrors(string alias, HttpStatusCode status, string code)
    {
        using var client = await ClientAsync();

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat(alias, "hi"));

        var error = await ErrorAssert.IsErrorAsync(response, status, code);
        Assert.DoesNotContain(Fixture.AnthropicKey, error.ToJsonString(), StringComparison.Ordinal);
        if (status == HttpStatusCode.TooManyRequests)
        {
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
            Assert.Contains("rate limit", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("claude-error-stream", "upstream_error")] // Anthropic's overloaded_error event, classified as the provider did
    [InlineData("claude-broken-stream", "upstream_unavailable")]
    public async Task Stream_FailsAfterFirstText_EndsWithErrorEventAndDone(string alias, string code)
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat(alias, "one two three four five six", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        var error = JsonNode.Parse(events[^2])!["error"]!;
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(SseEvents.Text(events[..^2])), "the text sent before the failure was relayed");
    }

    [Fact]
    public async Task Unsupported_NGreaterThanOne_IsRefusedBeforeAnythingIsSent()
    {
        using var client = await ClientAsync();
        var marker = Guid.NewGuid().ToString("N");

        var response = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "claude", n = 2, messages = new[] { new { role = "user", content = marker } } });

        var error = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_by_provider");
        Assert.Contains("does not support", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Anthropic.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "2023-06-01", HttpStatusCode.Unauthorized, "authentication_error", "x-api-key header is required")]
    [InlineData("sk-ant-wrong", "2023-06-01", HttpStatusCode.Unauthorized, "authentication_error", "invalid x-api-key")]
    [InlineData(Fixture.AnthropicKey, null, HttpStatusCode.BadRequest, "invalid_request_error", "anthropic-version: header is required")]
    public async Task Fake_MissingOrWrongHeaders_AnswersAsAnthropicDoes(string? key, string? version, HttpStatusCode status, string type, string message)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Anthropic.BaseUrl + "/messages"))
        {
            Content = JsonContent.Create(new { model = UpstreamModel, max_tokens = 10, messages = new[] { new { role = "user", content = "hi" } } }),
        };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (version is not null)
        {
            request.Headers.Add("anthropic-version", version);
        }

        var response = await http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("error", body["type"]!.GetValue<string>());
        Assert.Equal(type, body["error"]!["type"]!.GetValue<string>());
        Assert.Equal(message, body["error"]!["message"]!.GetValue<string>());
        Assert.StartsWith("req_", body["request_id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
