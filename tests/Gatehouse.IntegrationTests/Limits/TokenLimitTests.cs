using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Providers;
using Gatehouse.Tokens;

namespace Gatehouse.IntegrationTests.Limits;

/// <summary>
/// Token limits through the gateway: charged the counted prompt plus allowed output before the call, settled to
/// the provider's reported usage after it, and reported in the <c>x-ratelimit-*-tokens</c> headers.
/// </summary>
public sealed class TokenLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const int Tpm = 2000;

    private static object Chat(string model, int? maxTokens) => maxTokens is null
        ? new { model, messages = new[] { new { role = "user", content = "Say hello to the tokens." } } }
        : new { model, max_tokens = maxTokens, messages = new[] { new { role = "user", content = "Say hello to the tokens." } } };

    /// <summary>What the gateway charges up front: the prompt counted for the deployment's model, plus the allowed output.</summary>
    private static long Estimated(object body, string upstreamModel = "gpt-4o-mini-2024-07-18")
    {
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        return TokenEstimator.CountPrompt(ProviderOperation.ChatCompletions, json, upstreamModel) + TokenEstimator.MaxOutput(ProviderOperation.ChatCompletions, json, 1024);
    }

    private static long Header(HttpResponseMessage response, string name) =>
        long.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);

    private async Task<HttpClient> KeyWithTpmAsync()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        return fixture.App.CreateClient(await admin.CreateLimitedKeyAsync(new { tpm = Tpm }));
    }

    [Fact]
    public async Task ChargedUpFront_ThenSettledToTheReportedUsage()
    {
        using var client = await KeyWithTpmAsync();
        var first = Chat("gpt-4o-mini", 1500);

        var response = await client.PostAsJsonAsync("/v1/chat/completions", first);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Tpm, Header(response, "x-ratelimit-limit-tokens"));
        Assert.Equal(Tpm - Estimated(first), Header(response, "x-ratelimit-remaining-tokens"));
        Assert.EndsWith("s", response.Headers.GetValues("x-ratelimit-reset-tokens").Single(), StringComparison.Ordinal);
        var used = (await response.Content.ReadFromJsonAsync<JsonObject>())!["usage"]!["total_tokens"]!.GetValue<long>();

        // Had the first call kept its 1,500-token charge, this one would not fit in 2,000.
        var second = await client.PostAsJsonAsync("/v1/chat/completions", first);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(Tpm - used - Estimated(first), Header(second, "x-ratelimit-remaining-tokens"));
    }

    [Fact]
    public async Task NoMaxTokens_ChargesTheConfiguredDefaultOutput()
    {
        using var client = await KeyWithTpmAsync();
        var body = Chat("gpt-4o-mini", maxTokens: null);

        var response = await client.PostAsJsonAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Estimated(body) > 1024);
        Assert.Equal(Tpm - Estimated(body), Header(response, "x-ratelimit-remaining-tokens"));
    }

    [Fact]
    public async Task MoreTokensThanTheWholeLimit_429TooLarge_WithoutRetryAfter()
    {
        using var client = await KeyWithTpmAsync();

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini", 5000));

        var error = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Contains("Request too large", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(response.Headers.RetryAfter);
        var fine = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini", 100));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode); // the refused request took nothing
    }

    [Fact]
    public async Task InFlightCharge_Counts_429NamesTheTokenLimit_UntilItSettles()
    {
        using var client = await KeyWithTpmAsync();
        var held = client.PostAsJsonAsync("/v1/chat/completions", Chat("held", 1000)); // charged ~1,020 while it runs
        Assert.True(await Eventually.TrueAsync(() => fixture.Provider.HeldStreams == 1), "the held request did not reach the provider");

        var refused = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini", 1000));
        var error = await ErrorAssert.IsErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Contains("tpm", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);

        fixture.Provider.ReleaseHeldStreams();
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini", 1000))).StatusCode);
    }


    [Fact]
    public async Task UpstreamFailure_GivesTheChargeBack()
    {
        using var client = await KeyWithTpmAsync();
        var failing = Chat("failing", 1500);

        var failed = await client.PostAsJsonAsync("/v1/chat/completions", failing);
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode); // the provider's 503, after the gateway's retries

        var next = await client.PostAsJsonAsync("/v1/chat/completions", failing);
        Assert.Equal(Tpm - Estimated(failing, "fail-503"), Header(next, "x-ratelimit-remaining-tokens"));
    }

    [Fact]
    public async Task Embeddings_ChargeTheirInput()
    {
        using var client = await KeyWithTpmAsync();

        var response = await client.PostAsJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = "Hello, world!" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Tpm - 4, Header(response, "x-ratelimit-remaining-tokens"));
    }
}
