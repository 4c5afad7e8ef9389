using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.TestDoubles.AzureOpenAI;
using Gatehouse.TestDoubles.OpenAI;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.IntegrationTests.Providers;

/// <summary>
/// A gateway in front of a fake Azure OpenAI resource: deployment URLs with <c>api-version</c>, the <c>api-key</c> header
/// or an Entra token (from a test credential registered in DI), Azure's filter annotations and errors.
/// </summary>
public sealed class AzureOpenAIAdapterTests(AzureOpenAIAdapterTests.Fixture fixture) : IClassFixture<AzureOpenAIAdapterTests.Fixture>
{
    private const string AzureKey = "azure-resource-key-never-forwarded";

    private static object Chat(string model, string text = "Hello Azure", bool stream = false, bool includeUsage = false) => includeUsage
        ? new { model, stream, stream_options = new { include_usage = true }, messages = new[] { new { role = "user", content = text } } }
        : new { model, stream, messages = new[] { new { role = "user", content = text } } };

    private static async Task<List<string>> StreamAsync(HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await SseEvents.ReadAllAsync(response);
    }

    private RecordedRequest LastAzureRequest(string deployment) =>
        fixture.Azure.Requests.Last(r => r.Path.StartsWith($"/openai/deployments/{deployment}/", StringComparison.Ordinal));

    [Fact]
    public async Task Chat_Json_GoesToTheDeploymentWithTheResourceKey_AndReportsUsageAndCost()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("azure-chat", "Tell me about Azure"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Contains("Tell me about Azure", body["choices"]![0]!["message"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(body["choices"]![0]!["content_filter_results"]);
        Assert.True(body["usage"]!["total_tokens"]!.GetValue<int>() > 0);
        Assert.True(decimal.Parse(response.Headers.GetValues("x-gatehouse-cost-usd").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);

        var sent = LastAzureRequest("gpt-4o-mini");
        Assert.Equal("/openai/deployments/gpt-4o-mini/chat/completions", sent.Path);
        Assert.Equal("?api-version=2024-10-21", sent.Query);
        Assert.Equal(AzureKey, sent.Headers["api-key"]);
        Assert.False(sent.Headers.ContainsKey("Authorization"));
        Assert.DoesNotContain(sent.Headers.Values, v => v.Contains(secret, StringComparison.Ordinal));
        Assert.False(JsonNode.Parse(sent.Body)!.AsObject().ContainsKey("model"));
    }

    [Fact]
    public async Task Stream_ClientDidNotAskForUsage_SeesAzuresChunksWithoutTheUsageChunk()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        var events = await StreamAsync(client, Chat("azure-chat", "stream it", stream: true));

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!.AsObject()).ToList();
        Assert.NotNull(chunks[0]["prompt_filter_results"]); // Azure's first chunk, relayed harmlessly
        Assert.DoesNotContain(chunks, c => c.ContainsKey("usage"));
        Assert.Contains("stream it", SseEvents.Text(events), StringComparison.Ordinal);
        Assert.Contains(chunks, c => c["choices"]!.AsArray().FirstOrDefault()?["finish_reason"]?.GetValue<string>() == "stop");

        // The gateway asked Azure for usage all the same, to settle cost on Azure's own count.
        var sent = JsonNode.Parse(LastAzureRequest("gpt-4o-mini").Body)!;
        Assert.True(sent["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Stream_ClientAskedForUsage_GetsTheUsageChunkLast()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        var events = await StreamAsync(client, Chat("azure-chat", "count me", stream: true, includeUsage: true));

        var usageChunk = JsonNode.Parse(events[^2])!;
        Assert.Empty(usageChunk["choices"]!.AsArray());
        Assert.True(usageChunk["usage"]!["completion_tokens"]!.GetValue<int>() > 0);
        Assert.Single(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tools_RoundTrip_CallThenResultThenAnswer()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        var tools = new[] { new { type = "function", function = new { name = "get_weather", parameters = new { type = "object", properties = new { city = new { type = "string" } } } } } };

        using var call = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "azure-tool", tools, messages = new[] { new { role = "user", content = "Weather in Oslo?" } } });
        var callBody = JsonNode.Parse(await call.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.Equal("tool_calls", callBody["choices"]![0]!["finish_reason"]!.GetValue<string>());
        var toolCall = callBody["choices"]![0]!["message"]!["tool_calls"]![0]!;
        Assert.Equal("get_weather", toolCall["function"]!["name"]!.GetValue<string>());

        var followUp = new JsonObject
        {
            ["model"] = "azure-chat",
            ["tools"] = JsonSerializerNode(tools),
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Weather in Oslo?" },
                new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(toolCall.DeepClone()) },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = toolCall["id"]!.DeepClone(), ["content"] = "12 C and clear" }),
        };
        using var answer = await client.PostAsJsonAsync("/v1/chat/completions", followUp);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        var sent = JsonNode.Parse(LastAzureRequest("gpt-4o-mini").Body)!;
        Assert.Equal("tool", sent["messages"]![2]!["role"]!.GetValue<string>());
        Assert.Equal(toolCall["id"]!.GetValue<string>(), sent["messages"]![2]!["tool_call_id"]!.GetValue<string>());
        Assert.Equal("get_weather", sent["tools"]![0]!["function"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tools_Streamed_ArriveAsToolCallDeltas()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        var tools = new[] { new { type = "function", function = new { name = "lookup", parameters = new { type = "object" } } } };

        var events = await StreamAsync(client, new { model = "azure-tool", stream = true, tools, messages = new[] { new { role = "user", content = "find x" } } });

        var deltas = events[..^1].Select(e => JsonNode.Parse(e)!["choices"]!.AsArray().FirstOrDefault()).Where(c => c is not null).ToList();
        var calls = deltas.Select(c => c!["delta"]?["tool_calls"]?[0]).Where(t => t is not null).ToList();
        Assert.Equal("lookup", calls[0]!["function"]!["name"]!.GetValue<string>());
        var arguments = string.Concat(calls.Select(t => t!["function"]!["arguments"]!.GetValue<string>()));
        Assert.Equal("find x", JsonNode.Parse(arguments)!["input"]!.GetValue<string>());
        Assert.Equal("tool_calls", deltas[^1]!["finish_reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("azure-limited", HttpStatusCode.TooManyRequests, "upstream_rate_limited")]
    [InlineData("azure-rejected", HttpStatusCode.BadGateway, "upstream_auth_failed")]
    [InlineData("azure-invalid", HttpStatusCode.BadRequest, "upstream_bad_request")]
    [InlineData("azure-failing", HttpStatusCode.BadGateway, "upstream_error")]
    [InlineData("azure-filtered", HttpStatusCode.BadRequest, "upstream_content_filtered")]
    [InlineData("azure-missing", HttpStatusCode.NotFound, "upstream_bad_request")]
    public async Task Errors_AzuresStatuses_BecomeTheGatewaysOpenAIShapedErrors(string model, HttpStatusCode status, string code)
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat(model));

        var error = await ErrorAssert.IsErrorAsync(response, status, code);
        Assert.DoesNotContain(AzureKey, error.ToJsonString(), StringComparison.Ordinal);
        if (status == HttpStatusCode.TooManyRequests)
        {
            Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
        }
    }

    [Fact]
    public async Task Stream_BrokenOffByAzure_EndsWithAnErrorEvent()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        var events = await StreamAsync(client, Chat("azure-broken", "stream then die", stream: true));

        Assert.NotNull(JsonNode.Parse(events[^2])!["error"]);
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task Embeddings_GoToTheEmbeddingsDeployment()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { model = "azure-embed", input = new[] { "one", "two" } });

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body["data"]!.AsArray().Count);
        Assert.Equal(16, body["data"]![1]!["embedding"]!.AsArray().Count);
        Assert.True(body["usage"]!["prompt_tokens"]!.GetValue<int>() > 0);
        var sent = LastAzureRequest("text-embedding-3-small");
        Assert.Equal("/openai/deployments/text-embedding-3-small/embeddings", sent.Path);
        Assert.False(JsonNode.Parse(sent.Body)!.AsObject().ContainsKey("model"));
    }

    [Fact]
    public async Task Entra_TheTokenFromTheRegisteredCredential_IsSentAsBearer_AndReused()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.EntraClient(secret);

        using var first = await client.PostAsJsonAsync("/v1/chat/completions", Chat("azure-entra"));
        var firstSent = LastAzureRequest("gpt-4.1");
        using var second = await client.PostAsJsonAsync("/v1/chat/completions", Chat("azure-entra"));
        var secondSent = LastAzureRequest("gpt-4.1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.StartsWith("Bearer entra-token-", firstSent.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal(firstSent.Headers["Authorization"], secondSent.Headers["Authorization"]);
        Assert.False(firstSent.Headers.ContainsKey("api-key"));
        Assert.Equal(1, fixture.Credential.Fetches(Fixture.LongLivedScope));
    }

    [Fact]
    public async Task Entra_ATokenNearItsExpiry_IsFetchedAgain()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.EntraClient(secret);
        var before = fixture.Credential.Fetches(Fixture.ShortLivedScope);

        using var first = await client.PostAsJsonAsync("/v1/chat/completions", Chat("azure-entra-short"));
        var firstToken = LastAzureRequest("gpt-4.1-nano").Headers["Authorization"];
        using var second = await client.PostAsJsonAsync("/v1/chat/completions", Chat("azure-entra-short"));
        var secondToken = LastAzureRequest("gpt-4.1-nano").Headers["Authorization"];

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(firstToken, secondToken); // each token expires within the 5-minute margin, so each request fetches
        Assert.Equal(before + 2, fixture.Credential.Fetches(Fixture.ShortLivedScope));
    }

    private static JsonNode JsonSerializerNode<T>(T value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!;

    public sealed class Fixture : IAsyncLifetime
    {
        public const string LongLivedScope = "https://cognitiveservices.azure.com/.default";
        public const string ShortLivedScope = "api://short-lived-test/.default";

        private WebApplicationFactory<Program>? _entraApp;

        public FakeOpenAIServer OpenAI { get; private set; } = null!;

        public FakeAzureOpenAIServer Azure { get; private set; } = null!;

        public GatewayApp App { get; private set; } = null!;

        public TestCredential Credential { get; } = new();

        public async Task InitializeAsync()
        {
            OpenAI = await FakeOpenAIServer.StartAsync();
            Azure = await FakeAzureOpenAIServer.StartAsync(new FakeAzureOpenAIOptions
            {
                ApiKey = AzureKey,
                AcceptsBearerToken = token => token.StartsWith("entra-token-", StringComparison.Ordinal),
            });
            var settings = new Dictionary<string, string?>
            {
                ["Gatehouse:Routing:Retry:MaxRetryAttempts"] = "0",
                ["AZURE_TEST_KEY"] = AzureKey,
                ["Gatehouse:Providers:azure:Type"] = "azure-openai",
                ["Gatehouse:Providers:azure:BaseUrl"] = Azure.BaseUrl.ToString(),
                ["Gatehouse:Providers:azure:ApiKeySetting"] = "AZURE_TEST_KEY",
                ["Gatehouse:Providers:azure-entra:Type"] = "azure-openai",
                ["Gatehouse:Providers:azure-entra:BaseUrl"] = Azure.BaseUrl.ToString(),
                ["Gatehouse:Providers:azure-entra:Auth"] = "Entra",
                ["Gatehouse:Providers:azure-entra-short:Type"] = "azure-openai",
                ["Gatehouse:Providers:azure-entra-short:BaseUrl"] = Azure.BaseUrl.ToString(),
                ["Gatehouse:Providers:azure-entra-short:Auth"] = "Entra",
                ["Gatehouse:Providers:azure-entra-short:EntraScope"] = ShortLivedScope,
                ["Gatehouse:Models:azure-embed:Deployments:0:Provider"] = "azure",
                ["Gatehouse:Models:azure-embed:Deployments:0:Model"] = "text-embedding-3-small",
                ["Gatehouse:Models:azure-embed:Operations:0"] = "embeddings",
                ["Gatehouse:Models:azure-entra:Deployments:0:Provider"] = "azure-entra",
                ["Gatehouse:Models:azure-entra:Deployments:0:Model"] = "gpt-4.1",
                ["Gatehouse:Models:azure-entra-short:Deployments:0:Provider"] = "azure-entra-short",
                ["Gatehouse:Models:azure-entra-short:Deployments:0:Model"] = "gpt-4.1-nano",
            };
            foreach (var (alias, deployment) in new[]
            {
                ("azure-chat", "gpt-4o-mini"), ("azure-tool", "tool"), ("azure-broken", "abort-stream"), ("azure-limited", "fail-429"),
                ("azure-rejected", "fail-401"), ("azure-invalid", "fail-400"), ("azure-failing", "fail-503"), ("azure-filtered", "filtered"),
                ("azure-missing", "missing"),
            })
            {
                settings[$"Gatehouse:Models:{alias}:Deployments:0:Provider"] = "azure";
                settings[$"Gatehouse:Models:{alias}:Deployments:0:Model"] = deployment;
            }

            App = new GatewayApp(OpenAI.BaseUrl, settings);
        }

        /// <summary>A client of the same gateway with <see cref="Credential"/> registered as the app's <see cref="TokenCredential"/>.</summary>
        public HttpClient EntraClient(string bearer)
        {
            _entraApp ??= App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TokenCredential>(Credential)));
            var client = _entraApp.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return client;
        }

        public async Task DisposeAsync()
        {
            if (_entraApp is not null)
            {
                await _entraApp.DisposeAsync();
            }

            await App.DisposeAsync();
            await Azure.DisposeAsync();
            await OpenAI.DisposeAsync();
        }
    }

    /// <summary>Numbered tokens: an hour long, or for <see cref="Fixture.ShortLivedScope"/> 4 minutes (inside the refresh margin).</summary>
    public sealed class TestCredential : TokenCredential
    {
        private readonly ConcurrentDictionary<string, int> _fetches = new(StringComparer.Ordinal);
        private int _issued;

        public int Fetches(string scope) => _fetches.GetValueOrDefault(scope);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The gateway must not block on a token.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var scope = string.Join(' ', requestContext.Scopes);
            _fetches.AddOrUpdate(scope, 1, (_, n) => n + 1);
            var lifetime = scope == Fixture.ShortLivedScope ? TimeSpan.FromMinutes(4) : TimeSpan.FromHours(1);
            return ValueTask.FromResult(new AccessToken($"entra-token-{Interlocked.Increment(ref _issued)}", TimeProvider.System.GetUtcNow() + lifetime));
        }
    }
}
