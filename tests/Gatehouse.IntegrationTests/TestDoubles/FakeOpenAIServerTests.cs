using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Gatehouse.IntegrationTests.TestDoubles;

/// <summary>
/// The fake must speak OpenAI's real wire format: these drive it with the official OpenAI .NET SDK,
/// so a gateway test failing against the fake points at the gateway, not at the double.
/// </summary>
public sealed class FakeOpenAIServerTests : IAsyncLifetime
{
    private const string ApiKey = "sk-fake-upstream-key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await FakeOpenAIServer.StartAsync(new FakeOpenAIOptions { RequiredApiKey = ApiKey, StreamChunks = 4 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CompleteChat_NonStreaming_SdkParsesContentAndUsage()
    {
        var chat = ChatClientFor("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Hello from the SDK")]);

        Assert.Equal("This is a reply from the Gatehouse demo provider to: Hello from the SDK", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal("gpt-4o-mini", completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal("fp_fake", completion.SystemFingerprint);
        Assert.Equal(6, completion.Usage.InputTokenCount); // (9 + 18 chars) / 4
        Assert.Equal(14, completion.Usage.OutputTokenCount); // words in the reply
        Assert.Equal(20, completion.Usage.TotalTokenCount);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Headers["authorization"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("gpt-4o-mini", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task CompleteChatStreaming_WithUsage_SdkParsesChunksAndUsage()
    {
        var chat = ChatClientFor("gpt-4o-mini");
        var text = new StringBuilder();
        var contentUpdates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finishReason = null;

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hello from the SDK")]))
        {
            if (update.ContentUpdate.Count > 0 && update.ContentUpdate[0].Text.Length > 0)
                contentUpdates++;
            foreach (var part in update.ContentUpdate)
                text.Append(part.Text);
            usage = update.Usage ?? usage;
            finishReason = update.FinishReason ?? finishReason;
        }

        // The chunks concatenate to exactly the non-streaming answer.
        Assert.Equal("This is a reply from the Gatehouse demo provider to: Hello from the SDK", text.ToString());
        Assert.Equal(4, contentUpdates);
        Assert.Equal(ChatFinishReason.Stop, finishReason);
        Assert.NotNull(usage);
        Assert.Equal(4, usage.InputTokenCount);
        Assert.Equal(14, usage.OutputTokenCount);
        Assert.Equal(18, usage.TotalTokenCount);

        // The SDK asks for the usage chunk itself; the fake answers because it was asked.
        using var body = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.True(body.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task GenerateEmbeddings_Base64AndDimensions_SdkDecodesDeterministicUnitVectors()
    {
        var embeddings = new EmbeddingClient("text-embedding-3-small", new ApiKeyCredential(ApiKey), ClientOptions());

        OpenAIEmbeddingCollection batch = await embeddings.GenerateEmbeddingsAsync(
            ["hello", "world"], new EmbeddingGenerationOptions { Dimensions = 16 });
        OpenAIEmbedding again = await embeddings.GenerateEmbeddingAsync("hello", new EmbeddingGenerationOptions { Dimensions = 16 });

        Assert.Equal(2, batch.Count);
        Assert.Equal([0, 1], batch.Select(e => e.Index));
        var hello = batch[0].ToFloats().ToArray();
        var world = batch[1].ToFloats().ToArray();
        Assert.Equal(16, hello.Length);
        Assert.Equal(1.0, Math.Sqrt(hello.Sum(x => (double)x * x)), precision: 5);
        Assert.Equal(hello, again.ToFloats().ToArray());
        Assert.NotEqual(hello, world);
        Assert.Equal("text-embedding-3-small", batch.Model);
        Assert.Equal(2, batch.Usage.InputTokenCount);

        // The SDK asks for base64 by default, so decoding above exercised the little-endian float32 encoding.
        using var body = JsonDocument.Parse(_server.Requests[0].Body);
        Assert.Equal("base64", body.RootElement.GetProperty("encoding_format").GetString());
    }

    [Fact]
    public async Task CompleteChat_Fail429_CarriesRetryAfterAndRateLimitError()
    {
        var options = ClientOptions();
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0); // see the raw 429, not the SDK's retries
        var chat = new ChatClient("fail-429", new ApiKeyCredential(ApiKey), options);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(429, error.Status);
        var response = error.GetRawResponse();
        Assert.NotNull(response);
        Assert.True(response.Headers.TryGetValue("Retry-After", out var retryAfter));
        Assert.Equal("1", retryAfter);
        Assert.True(response.Headers.TryGetValue("x-ratelimit-remaining-requests", out var remaining));
        Assert.Equal("0", remaining);
        using var body = JsonDocument.Parse(response.Content.ToString());
        var envelope = body.RootElement.GetProperty("error");
        Assert.Equal("rate_limit_exceeded", envelope.GetProperty("code").GetString());
        Assert.Equal("requests", envelope.GetProperty("type").GetString());
    }

    [Fact]
    public async Task CompleteChat_WrongApiKey_Returns401InvalidApiKey()
    {
        var options = ClientOptions();
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-not-the-key"), options);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
        using var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
        Assert.Equal("invalid_api_key", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task CompleteChatStreaming_HoldStream_HoldsAfterFirstChunkUntilReleased()
    {
        var chat = ChatClientFor("hold-stream");
        await using var updates = chat.CompleteChatStreamingAsync([new UserChatMessage("Hold on")]).GetAsyncEnumerator();

        var first = await NextContentAsync(updates);
        Assert.Equal("This is a ", first); // 12 words over 4 chunks
        Assert.Equal(1, _server.HeldStreams);

        var next = updates.MoveNextAsync().AsTask();
        var winner = await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.NotSame(next, winner); // nothing more arrives while held

        _server.ReleaseHeldStreams();
        Assert.True(await next.WaitAsync(Patience));
        var rest = new StringBuilder(Text(updates.Current));
        while (await updates.MoveNextAsync())
            rest.Append(Text(updates.Current));

        Assert.Equal("reply from the Gatehouse demo provider to: Hold on", rest.ToString());
        Assert.Equal(0, _server.HeldStreams);
    }

    [Fact]
    public async Task CompleteChatStreaming_ClientCancelsHeldStream_AbortObserved()
    {
        var chat = ChatClientFor("hold-stream");
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("bye")], cancellationToken: cancel.Token))
            {
                if (Text(update).Length > 0)
                    await cancel.CancelAsync();
            }
        });

        Assert.True(await _server.WaitForAbortAsync(Patience));
        Assert.Equal(1, _server.AbortedRequests);
    }

    private ChatClient ChatClientFor(string model) => new(model, new ApiKeyCredential(ApiKey), ClientOptions());

    private OpenAIClientOptions ClientOptions() => new() { Endpoint = _server.BaseUrl };

    private static async Task<string> NextContentAsync(IAsyncEnumerator<StreamingChatCompletionUpdate> updates)
    {
        while (await updates.MoveNextAsync().AsTask().WaitAsync(Patience))
        {
            var text = Text(updates.Current);
            if (text.Length > 0)
                return text;
        }
        throw new InvalidOperationException("The stream ended before any content arrived.");
    }

    private static string Text(StreamingChatCompletionUpdate update) => string.Concat(update.ContentUpdate.Select(part => part.Text));
}
