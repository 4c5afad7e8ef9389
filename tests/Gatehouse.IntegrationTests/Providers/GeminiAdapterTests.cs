using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.TestDoubles.Gemini;
using Gatehouse.TestDoubles.OpenAI;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Gatehouse.IntegrationTests.Providers;

/// <summary>
/// The gateway in front of a Gemini deployment (the fake speaks Google's real wire format): clients see the OpenAI
/// API, Gemini sees its own, with the provider's key in <c>x-goog-api-key</c> and the client's key nowhere.
/// </summary>
public sealed class GeminiAdapterTests(GeminiAdapterTests.Fixture fixture) : IClassFixture<GeminiAdapterTests.Fixture>
{
    private static JsonObject Chat(string model, string text, bool stream = false) => new()
    {
        ["model"] = model,
        ["stream"] = stream,
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "Be brief." },
            new JsonObject { ["role"] = "user", ["content"] = text }),
    };

    private async Task<HttpClient> ClientAsync()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        return fixture.App.CreateClient(secret);
    }

    private RecordedRequest Upstream(string marker) =>
        fixture.Gemini.Requests.Single(r => r.Body.Contains(marker, StringComparison.Ordinal));

    [Fact]
    public async Task Chat_IsTranslatedBothWays_WithTheProviderKeyInItsHeaderOnly()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gemini-chat", $"hello {marker}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal($"You said: hello {marker}", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        var usage = body["usage"]!;
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
        Assert.Equal(4, usage["completion_tokens"]!.GetValue<int>()); // "You said: hello <marker>", a token a word
        Assert.Equal("gemini/gemini-2.0-flash", response.Headers.GetValues("x-gatehouse-deployment").Single());
        Assert.True(decimal.Parse(response.Headers.GetValues("x-gatehouse-cost-usd").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);

        var upstream = Upstream(marker);
        Assert.Equal("/v1beta/models/gemini-2.0-flash:generateContent", upstream.Path);
        Assert.Equal("", upstream.Query);
        Assert.Equal(Fixture.GeminiKey, upstream.Headers["x-goog-api-key"]);
        Assert.False(upstream.Headers.ContainsKey("Authorization"));
        Assert.DoesNotContain(secret, string.Join("\n", upstream.Headers.Values) + upstream.Body, StringComparison.Ordinal);
        var sent = JsonNode.Parse(upstream.Body)!.AsObject();
        Assert.Equal("Be brief.", sent["systemInstruction"]!["parts"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("user", sent["contents"]![0]!["role"]!.GetValue<string>());
        Assert.False(sent.ContainsKey("messages") || sent.ContainsKey("model"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stream_IsOpenAIChunksThenDone_WithUsageOnlyWhenAsked(bool includeUsage)
    {
        using var client = await ClientAsync();
        var marker = Guid.NewGuid().ToString("N");
        var request = Chat("gemini-chat", $"stream {marker}", stream: true);
        if (includeUsage)
        {
            request["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.Single(chunks.Select(c => c["id"]!.GetValue<string>()).Distinct());
        Assert.Equal($"You said: stream {marker}", SseEvents.Text(events));
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Contains(chunks, c => c["choices"]!.AsArray().FirstOrDefault()?["finish_reason"]?.GetValue<string>() == "stop");
        var usageChunks = chunks.Where(c => c["usage"] is JsonObject).ToList();
        if (includeUsage)
        {
            var usage = Assert.Single(usageChunks)["usage"]!;
            Assert.Equal(4, usage["completion_tokens"]!.GetValue<int>()); // "You said: stream <marker>", a token a word
            Assert.Same(chunks[^1], usageChunks[0]);
        }
        else
        {
            Assert.Empty(usageChunks);
        }

        var upstream = Upstream(marker);
        Assert.Equal("/v1beta/models/gemini-2.0-flash:streamGenerateContent", upstream.Path);
        Assert.Equal("?alt=sse", upstream.Query);
    }

    [Fact]
    public async Task OpenAISdk_StreamsTextAndUsage()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var chat = new ChatClient("gemini-chat", new ApiKeyCredential(secret), new OpenAIClientOptions { Endpoint = new Uri(fixture.App.BaseUrl, "v1") });
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Stream a hello")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
        }

        Assert.Equal("You said: Stream a hello", text.ToString());
        Assert.True(usage?.TotalTokenCount > 0);
    }

    [Fact]
    public async Task Tools_RoundTrip_AsFunctionCallsAndNamedFunctionResponses()
    {
        using var client = await ClientAsync();
        var marker = Guid.NewGuid().ToString("N");
        var tools = JsonNode.Parse("""
            [{"type":"function","function":{"name":"get_weather","description":"Current weather",
              "parameters":{"type":"object","properties":{"input":{"type":"string"}},"required":["input"],"additionalProperties":false}}}]
            """)!;
        var first = new JsonObject
        {
            ["model"] = "gemini-tool",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"weather {marker}" }),
            ["tools"] = tools.DeepClone(),
            ["tool_choice"] = "required",
        };

        using var called = await client.PostAsJsonAsync("/v1/chat/completions", first);

        Assert.Equal(HttpStatusCode.OK, called.StatusCode);
        var choice = JsonNode.Parse(await called.Content.ReadAsStringAsync())!["choices"]![0]!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        var call = choice["message"]!["tool_calls"]![0]!;
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal($"weather {marker}", JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())!["input"]!.GetValue<string>());
        var sentFirst = JsonNode.Parse(Upstream(marker).Body)!;
        Assert.Equal("ANY", sentFirst["toolConfig"]!["functionCallingConfig"]!["mode"]!.GetValue<string>());
        Assert.Equal("get_weather", sentFirst["tools"]![0]!["functionDeclarations"]![0]!["name"]!.GetValue<string>());

        var second = new JsonObject
        {
            ["model"] = "gemini-tool",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = $"weather {marker}" },
                choice["message"]!.DeepClone(),
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = call["id"]!.GetValue<string>(), ["content"] = """{"temp":21}""" }),
            ["tools"] = tools.DeepClone(),
        };
        fixture.Gemini.ClearRequests();

        using var answered = await client.PostAsJsonAsync("/v1/chat/completions", second);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var answer = JsonNode.Parse(await answered.Content.ReadAsStringAsync())!["choices"]![0]!;
        Assert.Equal("""The tool said: get_weather {"temp":21}""", answer["message"]!["content"]!.GetValue<string>());
        var contents = JsonNode.Parse(Upstream(marker).Body)!["contents"]!.AsArray();
        Assert.Equal("get_weather", contents[1]!["parts"]![0]!["functionCall"]!["name"]!.GetValue<string>());
        Assert.Equal("get_weather", contents[2]!["parts"]![0]!["functionResponse"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("gemini-limited", HttpStatusCode.TooManyRequests, "upstream_rate_limited")]
    [InlineData("gemini-badkey", HttpStatusCode.BadGateway, "upstream_auth_failed")]
    [InlineData("gemini-unauthenticated", HttpStatusCode.BadGateway, "upstream_auth_failed")]
    [InlineData("gemini-invalid", HttpStatusCode.BadRequest, "upstream_bad_request")]
    [InlineData("gemini-missing", HttpStatusCode.NotFound, "upstream_bad_request")]
    [InlineData("gemini-overloaded", HttpStatusCode.BadGateway, "upstream_error")]
    public async Task GeminiErrors_AreTheGatewaysOpenAIShapedErrors(string model, HttpStatusCode status, string code)
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat(model, "hi"));

        var error = await ErrorAssert.IsErrorAsync(response, status, code);
        Assert.DoesNotContain(Fixture.GeminiKey, error.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.WrongGeminiKey, error.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_TellsTheClientGeminisRetryDelay()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gemini-limited", "hi"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task BlockedPrompt_IsAContentFilteredAnswer()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gemini-blocked", "something dangerous"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!;
        Assert.Equal("content_filter", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal("", choice["message"]!["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("gemini-broken", "upstream_unavailable")]
    [InlineData("gemini-stream-error", "upstream_error")] // Gemini's UNAVAILABLE error object, classified as a server error
    public async Task Stream_ThatFailsMidway_EndsWithAnErrorEventAndDone(string model, string code)
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat(model, "one two three four", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal(code, JsonNode.Parse(events[^2])!["error"]!["code"]!.GetValue<string>());
        Assert.StartsWith("You said:", SseEvents.Text(events[..^2]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gemini-chat", HttpStatusCode.BadRequest, null)]
    [InlineData("gemini-or-openai", HttpStatusCode.OK, "fake/gpt-4o-mini")]
    public async Task RequestGeminiCannotTake_IsRefused_OrGoesToADeploymentThatCan(string alias, HttpStatusCode status, string? servedBy)
    {
        using var client = await ClientAsync();
        var marker = Guid.NewGuid().ToString("N");
        var image = new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "https://example.com/cat.png" } };
        var text = new JsonObject { ["type"] = "text", ["text"] = marker };
        var body = new JsonObject { ["model"] = alias, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(text, image) }) };

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", body);

        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain(fixture.Gemini.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        if (servedBy is null)
        {
            await ErrorAssert.IsErrorAsync(response, status, "unsupported_by_provider");
            Assert.Equal("0", response.Headers.GetValues("x-gatehouse-attempts").Single());
        }
        else
        {
            Assert.Equal(servedBy, response.Headers.GetValues("x-gatehouse-deployment").Single());
            Assert.Equal("1", response.Headers.GetValues("x-gatehouse-attempts").Single());
        }
    }

    [Fact]
    public async Task Embeddings_AreAnOpenAIList_FromBatchEmbedContents()
    {
        using var client = await ClientAsync();
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { model = "gemini-embed", input = new[] { marker, "second" }, dimensions = 64 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("list", body["object"]!.GetValue<string>());
        Assert.Equal([64, 64], body["data"]!.AsArray().Select(d => d!["embedding"]!.AsArray().Count));
        var upstream = Upstream(marker);
        Assert.Equal("/v1beta/models/text-embedding-004:batchEmbedContents", upstream.Path);
        Assert.Equal(2, JsonNode.Parse(upstream.Body)!["requests"]!.AsArray().Count);
    }

    [Fact]
    public async Task OpenAISdk_Embeddings_DecodeFromBase64()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var embeddings = new EmbeddingClient("gemini-embed", new ApiKeyCredential(secret), new OpenAIClientOptions { Endpoint = new Uri(fixture.App.BaseUrl, "v1") });

        OpenAIEmbedding embedding = await embeddings.GenerateEmbeddingAsync("hello");

        Assert.Equal(768, embedding.ToFloats().Length);
        Assert.InRange(embedding.ToFloats().ToArray().Sum(v => v * v), 0.99f, 1.01f);
    }

    [Fact]
    public async Task TheFake_AnswersAMissingOrWrongKeyAsGoogleDoes()
    {
        using var http = new HttpClient();
        var url = new Uri(fixture.Gemini.BaseUrl + "/models/gemini-2.0-flash:generateContent");
        var body = """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";

        using var missing = await http.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        using var wrong = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        wrong.Headers.Add("x-goog-api-key", "AIzaSy-wrong");
        using var wrongResponse = await http.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal("PERMISSION_DENIED", JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["error"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, wrongResponse.StatusCode);
        var error = JsonNode.Parse(await wrongResponse.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("INVALID_ARGUMENT", error["status"]!.GetValue<string>());
        Assert.Equal("API_KEY_INVALID", error["details"]![0]!["reason"]!.GetValue<string>());
    }

    /// <summary>An OpenAI fake (the gateway's default provider) and a Gemini fake, with the gateway routing aliases to the latter.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public const string GeminiKey = "AIzaSy-gemini-provider-key-never-forwarded";
        public const string WrongGeminiKey = "AIzaSy-a-key-google-does-not-know";

        public FakeOpenAIServer OpenAI { get; private set; } = null!;

        public FakeGeminiServer Gemini { get; private set; } = null!;

        public GatewayApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            OpenAI = await FakeOpenAIServer.StartAsync();
            Gemini = await FakeGeminiServer.StartAsync(new FakeGeminiOptions { RequiredApiKey = GeminiKey });
            var settings = new Dictionary<string, string?>
            {
                ["Gatehouse:Routing:Retry:MaxRetryAttempts"] = "0",
                ["GEMINI_TEST_KEY"] = GeminiKey,
                ["GEMINI_WRONG_KEY"] = WrongGeminiKey,
                ["Gatehouse:Providers:gemini:Type"] = "gemini",
                ["Gatehouse:Providers:gemini:BaseUrl"] = Gemini.BaseUrl.ToString(),
                ["Gatehouse:Providers:gemini:ApiKeySetting"] = "GEMINI_TEST_KEY",
                ["Gatehouse:Providers:gemini-badkey:Type"] = "gemini",
                ["Gatehouse:Providers:gemini-badkey:BaseUrl"] = Gemini.BaseUrl.ToString(),
                ["Gatehouse:Providers:gemini-badkey:ApiKeySetting"] = "GEMINI_WRONG_KEY",
                ["Gatehouse:Models:gemini-badkey:Deployments:0:Provider"] = "gemini-badkey",
                ["Gatehouse:Models:gemini-badkey:Deployments:0:Model"] = "gemini-2.0-flash",
                ["Gatehouse:Models:gemini-embed:Deployments:0:Provider"] = "gemini",
                ["Gatehouse:Models:gemini-embed:Deployments:0:Model"] = "text-embedding-004",
                ["Gatehouse:Models:gemini-embed:Operations:0"] = "embeddings",
                ["Gatehouse:Models:gemini-or-openai:Deployments:0:Provider"] = "gemini",
                ["Gatehouse:Models:gemini-or-openai:Deployments:0:Model"] = "gemini-2.0-flash",
                ["Gatehouse:Models:gemini-or-openai:Deployments:1:Provider"] = "fake",
                ["Gatehouse:Models:gemini-or-openai:Deployments:1:Model"] = "gpt-4o-mini",
            };
            foreach (var (alias, model) in new[]
                     {
                         ("gemini-chat", "gemini-2.0-flash"), ("gemini-tool", "tool"), ("gemini-limited", "fail-429"),
                         ("gemini-unauthenticated", "fail-401"), ("gemini-invalid", "fail-400"), ("gemini-missing", "fail-404"),
                         ("gemini-overloaded", "fail-503"), ("gemini-broken", "abort-stream"), ("gemini-stream-error", "stream-error"),
                         ("gemini-blocked", "blocked"),
                     })
            {
                settings[$"Gatehouse:Models:{alias}:Deployments:0:Provider"] = "gemini";
                settings[$"Gatehouse:Models:{alias}:Deployments:0:Model"] = model;
            }

            App = new GatewayApp(OpenAI.BaseUrl, settings);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Gemini.DisposeAsync();
            await OpenAI.DisposeAsync();
        }
    }
}
