using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Proxy;

public sealed class ChatCompletionsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static object Chat(string model, string text, bool stream = false) =>
        new { model, stream, messages = new[] { new { role = "user", content = text } } };

    [Fact]
    public async Task Post_ValidKey_RelaysAnswerWithUsageAndSendsDeploymentModelUpstream()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync("gpt-4o-mini");
        using var client = fixture.App.CreateClient(secret);
        var marker = Guid.NewGuid().ToString("N");

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini", $"hello {marker}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["choices"]![0]!["message"]!["content"]!.GetValue<string>()));
        Assert.True(body["usage"]!["total_tokens"]!.GetValue<int>() > 0);
        Assert.Equal("fake/gpt-4o-mini-2024-07-18", response.Headers.GetValues("x-gatehouse-deployment").Single());

        var upstream = fixture.Provider.Requests.Single(r => r.Body.Contains(marker, StringComparison.Ordinal));
        Assert.Equal("gpt-4o-mini-2024-07-18", JsonNode.Parse(upstream.Body)!["model"]!.GetValue<string>());
        Assert.Equal($"Bearer {GatewayApp.ProviderKey}", upstream.Headers["Authorization"]);
        Assert.DoesNotContain(secret, string.Join("\n", upstream.Headers.Values) + upstream.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ApiKeyHeader_IsAccepted()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(bearer: null);
        client.DefaultRequestHeaders.Add("api-key", secret);

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini", "hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_PassesThroughFieldsTheGatewayDoesNotModel()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        var marker = Guid.NewGuid().ToString("N");
        var body = new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = marker }),
            ["temperature"] = 0.2,
            ["response_format"] = new JsonObject { ["type"] = "json_object" },
            ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "f" } }),
        };

        (await client.PostAsync("/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var sent = JsonNode.Parse(fixture.Provider.Requests.Single(r => r.Body.Contains(marker, StringComparison.Ordinal)).Body)!;
        Assert.Equal(0.2, sent["temperature"]!.GetValue<double>());
        Assert.Equal("json_object", sent["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal("f", sent["tools"]![0]!["function"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_ClientRequestId_IsEchoed_MalformedOneIsReplaced()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var good = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat("gpt-4o-mini", "hi")) };
        good.Headers.Add("x-request-id", "client-trace-42");
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat("gpt-4o-mini", "hi")) };
        bad.Headers.Add("x-request-id", "has spaces/and\"quotes");

        Assert.Equal("client-trace-42", (await client.SendAsync(good)).Headers.GetValues("x-request-id").Single());
        var replaced = (await client.SendAsync(bad)).Headers.GetValues("x-request-id").Single();
        Assert.StartsWith("req_", replaced, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_RelayedToEmbeddingsAlias()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        var response = await client.PostAsJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = new[] { "a", "b" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, body["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Embeddings_ChatOnlyAlias_Returns400()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        var response = await client.PostAsJsonAsync("/v1/embeddings", new { model = "gpt-4o-mini", input = "x" });

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "model_not_supported", "model");
    }

    [Fact]
    public async Task Models_ListsOnlyAliasesTheKeyMayUse()
    {
        var (_, narrow, _) = await fixture.App.CreateKeyAsync("gpt-4o-mini");
        var (_, wide, _) = await fixture.App.CreateKeyAsync("*");

        var narrowList = JsonNode.Parse(await fixture.App.CreateClient(narrow).GetStringAsync("/v1/models"))!;
        var wideList = JsonNode.Parse(await fixture.App.CreateClient(wide).GetStringAsync("/v1/models"))!;

        Assert.Equal("list", narrowList["object"]!.GetValue<string>());
        Assert.Equal(["gpt-4o-mini"], narrowList["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        Assert.Contains("text-embedding-3-small", wideList["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.CreateClient(narrow).GetAsync("/v1/models/gpt-4o-mini")).StatusCode);
        await ErrorAssert.IsErrorAsync(await fixture.App.CreateClient(narrow).GetAsync("/v1/models/text-embedding-3-small"), HttpStatusCode.NotFound, "model_not_found");
    }

    [Fact]
    public async Task Healthz_NoKeyNeeded() =>
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.CreateClient(bearer: null).GetAsync("/healthz")).StatusCode);
}
