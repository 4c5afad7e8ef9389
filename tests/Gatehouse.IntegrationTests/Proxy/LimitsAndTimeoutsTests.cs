using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Proxy;

/// <summary>A gateway with a small body limit, a 1 s upstream header timeout and a provider nobody listens on.</summary>
public sealed class LimitsAndTimeoutsFixture : GatewayFixture
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Gatehouse:Server:MaxRequestBodyBytes"] = "4096",
        ["Gatehouse:Providers:fake:ResponseHeadersTimeout"] = "00:00:01",
        ["Gatehouse:Providers:down:Type"] = "openai-compatible",
        ["Gatehouse:Providers:down:BaseUrl"] = $"http://127.0.0.1:{RefusingPort.Reserve()}/v1",
        ["Gatehouse:Models:nowhere:Deployments:0:Provider"] = "down",
        ["Gatehouse:Models:nowhere:Deployments:0:Model"] = "m",
    };
}

public sealed class LimitsAndTimeoutsTests(LimitsAndTimeoutsFixture fixture) : IClassFixture<LimitsAndTimeoutsFixture>
{
    private static object Chat(string model, string text = "hi") => new { model, messages = new[] { new { role = "user", content = text } } };

    [Fact]
    public async Task OversizedBody_Returns413_WithContentLengthOrChunked()
    {
        using var client = fixture.App.CreateClient((await fixture.App.CreateKeyAsync()).Secret);
        var big = new string('x', 10_000);

        var withLength = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini", big));
        var chunked = new StringContent($"{{\"model\":\"gpt-4o-mini\",\"messages\":[{{\"role\":\"user\",\"content\":\"{big}\"}}]}}", Encoding.UTF8, "application/json");
        chunked.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;

        await ErrorAssert.IsErrorAsync(withLength, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        await ErrorAssert.IsErrorAsync(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task SilentUpstream_Returns504_WithinTheConfiguredTimeout()
    {
        using var client = fixture.App.CreateClient((await fixture.App.CreateKeyAsync()).Secret);
        var clock = Stopwatch.StartNew();

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("slow"));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.GatewayTimeout, "upstream_timeout");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the 1 s header timeout, not the double's 30 s delay, ended the call");
    }

    [Fact]
    public async Task UnreachableUpstream_Returns502Unavailable_WithoutItsAddress()
    {
        using var client = fixture.App.CreateClient((await fixture.App.CreateKeyAsync()).Secret);

        var error = await ErrorAssert.IsErrorAsync(await client.PostAsJsonAsync("/v1/chat/completions", Chat("nowhere")), HttpStatusCode.BadGateway, "upstream_unavailable");

        Assert.DoesNotContain("127.0.0.1", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
