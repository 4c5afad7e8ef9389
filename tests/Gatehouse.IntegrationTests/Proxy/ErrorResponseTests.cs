using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Proxy;

public sealed class ErrorResponseTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static object Chat(string model) => new { model, messages = new[] { new { role = "user", content = "hi" } } };

    private async Task<HttpClient> KeyedClientAsync(params string[] models) =>
        fixture.App.CreateClient((await fixture.App.CreateKeyAsync(models)).Secret);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task NoKey_Returns401InvalidApiKey() =>
        await ErrorAssert.IsErrorAsync(await fixture.App.CreateClient(bearer: null).PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini")),
            HttpStatusCode.Unauthorized, "invalid_api_key");

    [Theory]
    [InlineData("gh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("sk-not-ours")]
    [InlineData(GatewayApp.AdminKey)]
    public async Task UnknownOrForeignKey_Returns401(string key) =>
        await ErrorAssert.IsErrorAsync(await fixture.App.CreateClient(key).PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini")),
            HttpStatusCode.Unauthorized, "invalid_api_key");

    [Fact]
    public async Task RevokedKey_Returns401()
    {
        var (keyId, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini"))).StatusCode);

        (await fixture.App.CreateAdminClient().PostAsync($"/admin/keys/{keyId}/revoke", null)).EnsureSuccessStatusCode();

        await ErrorAssert.IsErrorAsync(await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini")), HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Theory]
    [InlineData("{not json", "invalid_json", null)]
    [InlineData("", "invalid_json", null)]
    [InlineData("[1,2]", "invalid_json", null)]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "missing_required_parameter", "model")]
    [InlineData("{\"model\":42,\"messages\":[]}", "invalid_type", "model")]
    [InlineData("{\"model\":\"gpt-4o-mini\"}", "missing_required_parameter", "messages")]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"messages\":\"hi\"}", "invalid_type", "messages")]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"messages\":[]}", "invalid_value", "messages")]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}", "invalid_type", "stream")]
    public async Task MalformedChatBody_Returns400(string body, string code, string? param)
    {
        using var client = await KeyedClientAsync();

        await ErrorAssert.IsErrorAsync(await client.PostAsync("/v1/chat/completions", Json(body)), HttpStatusCode.BadRequest, code, param);
    }

    [Fact]
    public async Task UnknownModel_Returns404ModelNotFound()
    {
        using var client = await KeyedClientAsync();

        await ErrorAssert.IsErrorAsync(await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-99")), HttpStatusCode.NotFound, "model_not_found", "model");
    }

    [Fact]
    public async Task ModelOutsideAllowList_Returns403()
    {
        using var client = await KeyedClientAsync("text-embedding-3-small");

        await ErrorAssert.IsErrorAsync(await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini")), HttpStatusCode.Forbidden, "model_not_allowed");
    }

    [Fact]
    public async Task UnknownRoute_Returns404Envelope_WrongMethod405()
    {
        using var client = await KeyedClientAsync();

        await ErrorAssert.IsErrorAsync(await client.GetAsync("/v1/completions/legacy"), HttpStatusCode.NotFound, "unknown_url");
        await ErrorAssert.IsErrorAsync(await client.GetAsync("/v1/chat/completions"), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await ErrorAssert.IsErrorAsync(await client.GetAsync("/etc/passwd"), HttpStatusCode.NotFound, "unknown_url");
    }

    [Fact]
    public async Task Upstream429_Returns429WithRetryAfter()
    {
        using var client = await KeyedClientAsync();

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("limited"));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.TooManyRequests, "upstream_rate_limited");
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Upstream5xx_Returns502WithUpstreamReason()
    {
        using var client = await KeyedClientAsync();

        var error = await ErrorAssert.IsErrorAsync(await client.PostAsJsonAsync("/v1/chat/completions", Chat("failing")), HttpStatusCode.BadGateway, "upstream_error");

        Assert.Contains("The provider failed", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamRejectsCredentials_Returns502_NeverShowsTheProviderKey()
    {
        using var client = await KeyedClientAsync();

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("rejected"));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_auth_failed");
        Assert.DoesNotContain(GatewayApp.ProviderKey, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstream400_KeepsStatusAndProviderMessage()
    {
        using var client = await KeyedClientAsync();

        await ErrorAssert.IsErrorAsync(await client.PostAsJsonAsync("/v1/chat/completions", Chat("invalid")), HttpStatusCode.BadRequest, "upstream_bad_request");
    }
}
