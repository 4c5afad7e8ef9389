using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Proxy;

public sealed class StreamingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static HttpRequestMessage StreamRequest(string model, string text = "stream please") => new(HttpMethod.Post, "/v1/chat/completions")
    {
        Content = JsonContent.Create(new { model, stream = true, messages = new[] { new { role = "user", content = text } } }),
    };

    /// <summary>Reads SSE data lines from a live response, one event at a time.</summary>
    private static async Task<string?> NextDataAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync().WaitAsync(Patience) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        return null;
    }

    private static async Task<List<string>> ReadAllDataAsync(StreamReader reader)
    {
        var events = new List<string>();
        while (await NextDataAsync(reader) is { } data)
        {
            events.Add(data);
        }

        return events;
    }

    [Fact]
    public async Task Stream_RelaysEveryChunkThenDone_AsEventStream()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var response = await client.SendAsync(StreamRequest("gpt-4o-mini"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = await ReadAllDataAsync(reader);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        var text = string.Concat(chunks.Select(c => c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(text));
    }

    [Fact]
    public async Task Stream_FirstChunkReachesClient_BeforeUpstreamHasFinished()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var response = await client.SendAsync(StreamRequest("held"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // The double sends the role chunk and one content chunk, then holds the rest until released.
        var first = await NextDataAsync(reader);
        var second = await NextDataAsync(reader);
        Assert.NotNull(first);
        Assert.Contains("content", second, StringComparison.Ordinal);
        Assert.True(fixture.Provider.HeldStreams > 0, "the upstream is still holding its stream open");

        fixture.Provider.ReleaseHeldStreams();
        var rest = await ReadAllDataAsync(reader);
        Assert.Equal("[DONE]", rest[^1]);
    }

    [Fact]
    public async Task Stream_ClientDisconnects_CancelsUpstreamCall()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        var abortsBefore = fixture.Provider.AbortedRequests;

        var response = await client.SendAsync(StreamRequest("held"), HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.NotNull(await NextDataAsync(reader));
        reader.Dispose();
        response.Dispose();
        client.Dispose();

        Assert.True(await fixture.Provider.WaitForAbortsAsync(abortsBefore + 1, Patience), "the upstream request was not cancelled");
    }

    [Fact]
    public async Task Stream_UpstreamDiesMidway_EndsWithErrorEventAndDone()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var response = await client.SendAsync(StreamRequest("broken-stream"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = await ReadAllDataAsync(reader);
        Assert.Equal("[DONE]", events[^1]);
        var error = JsonNode.Parse(events[^2])!["error"]!;
        Assert.Equal("upstream_unavailable", error["code"]!.GetValue<string>());
        Assert.True(events.Count >= 4, "the chunks sent before the failure were relayed");
    }

    [Fact]
    public async Task Stream_UpstreamFailsBeforeFirstByte_IsAPlainErrorResponse()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var response = await client.SendAsync(StreamRequest("failing"));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_error");
    }
}
