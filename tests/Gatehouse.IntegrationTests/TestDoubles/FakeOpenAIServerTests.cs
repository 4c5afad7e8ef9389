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

    [Fact]
    public async Task CompleteChat_MaxOutputTokens_CutsTheReplyWithFinishReasonLength()
    {
        var chat = ChatClientFor("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new UserChatMessage("Hello from the SDK")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });

        Assert.Equal("This is a reply from", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
        using var body = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        Assert.Equal(5, body.RootElement.GetProperty("max_completion_tokens").GetInt32());
    }

    [Fact]
    public async Task CompleteChatStreaming_MaxOutputTokens_StreamsOnlyThatManyWords()
    {
        var (text, contentUpdates, finishReason, usage) = await StreamAsync(
            ChatClientFor("gpt-4o-mini"), new ChatCompletionOptions { MaxOutputTokenCount = 6 });

        Assert.Equal("This is a reply from the", text);
        Assert.Equal(4, contentUpdates);
        Assert.Equal(ChatFinishReason.Length, finishReason);
        Assert.NotNull(usage);
        Assert.Equal(6, usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_MaxTokensAboveTheReply_AnswersWholeWithStop()
    {
        ChatCompletion completion = await ChatClientFor("gpt-4o-mini").CompleteChatAsync(
            [new UserChatMessage("Hello from the SDK")], new ChatCompletionOptions { MaxOutputTokenCount = 14 });

        Assert.Equal("This is a reply from the Gatehouse demo provider to: Hello from the SDK", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
    }

    [Theory]
    [InlineData("\"max_tokens\": 3", 3)]
    [InlineData("\"max_completion_tokens\": 2, \"max_tokens\": 7", 2)]
    public async Task CompleteChat_LegacyMaxTokens_HonouredUnlessMaxCompletionTokensIsSet(string limits, int words)
    {
        using var body = await PostChatAsync(ChatClientFor("gpt-4o-mini"), $$"""{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], {{limits}}}""");

        var choice = body.RootElement.GetProperty("choices")[0];
        Assert.Equal(string.Join(' ', "This is a reply from".Split(' ').Take(words)), choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(words, body.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [InlineData("\"max_tokens\": 0", "max_tokens", "integer_below_min_value")]
    [InlineData("\"max_completion_tokens\": \"5\"", "max_completion_tokens", "invalid_type")]
    public async Task CompleteChat_BadMaxTokens_Returns400LikeOpenAI(string limits, string param, string code)
    {
        var options = ClientOptions();
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(ApiKey), options);
        var content = BinaryContent.Create(BinaryData.FromString(
            $$"""{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], {{limits}}}"""));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(content));

        Assert.Equal(400, error.Status);
        using var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
        var envelope = body.RootElement.GetProperty("error");
        Assert.Equal(param, envelope.GetProperty("param").GetString());
        Assert.Equal(code, envelope.GetProperty("code").GetString());
    }

    [Fact]
    public async Task NeverSendUsage_JsonAndStreams_CarryNoUsageEvenWhenAsked()
    {
        await using var server = await FakeOpenAIServer.StartAsync(new FakeOpenAIOptions { RequiredApiKey = ApiKey, NeverSendUsage = true });
        var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(ApiKey), new OpenAIClientOptions { Endpoint = server.BaseUrl });

        using var json = await PostChatAsync(chat, """{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}""");
        var sse = (await chat.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(
            """{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], "stream": true, "stream_options": {"include_usage": true}}"""))))
            .GetRawResponse().Content.ToString();
        var (text, _, finishReason, usage) = await StreamAsync(chat);

        Assert.False(json.RootElement.TryGetProperty("usage", out _));
        Assert.Equal("This is a reply from the Gatehouse demo provider to: hi", json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.EndsWith("data: [DONE]\n\n", sse, StringComparison.Ordinal);
        Assert.DoesNotContain("usage", sse, StringComparison.Ordinal);
        Assert.Equal("This is a reply from the Gatehouse demo provider to: Hello from the SDK", text);
        Assert.Equal(ChatFinishReason.Stop, finishReason);
        Assert.Null(usage);
    }

    [Fact]
    public async Task CompleteChatStreaming_LongModel_OneWordPerChunk()
    {
        var (text, contentUpdates, finishReason, usage) = await StreamAsync(ChatClientFor("long-250"));
        ChatCompletion completion = await ChatClientFor("long-250").CompleteChatAsync([new UserChatMessage("Hello from the SDK")]);

        Assert.Equal(250, contentUpdates); // StreamChunks is 4: long-<N> ignores it
        Assert.Equal(250, text.Split(' ').Length);
        Assert.Equal(completion.Content[0].Text, text);
        Assert.Equal(ChatFinishReason.Stop, finishReason);
        Assert.Equal(250, usage!.OutputTokenCount);
        Assert.Equal(250, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChatStreaming_LongModelWithMaxOutputTokens_CutAtTheLimit()
    {
        var (text, contentUpdates, finishReason, usage) = await StreamAsync(
            ChatClientFor("long-50"), new ChatCompletionOptions { MaxOutputTokenCount = 10 });

        Assert.Equal(10, contentUpdates);
        Assert.Equal(10, text.Split(' ').Length);
        Assert.Equal(ChatFinishReason.Length, finishReason);
        Assert.Equal(10, usage!.OutputTokenCount);
    }

    [Theory]
    [InlineData("long-1", 1)]
    [InlineData("long-100000", 100_000)]
    [InlineData("long-0", 14)] // out of range: a normal answer
    [InlineData("long-100001", 14)]
    public async Task CompleteChat_LongModel_AnswersExactlyNWords(string model, int words)
    {
        ChatCompletion completion = await ChatClientFor(model).CompleteChatAsync([new UserChatMessage("Hello from the SDK")]);

        Assert.Equal(words, completion.Content[0].Text.Split(' ').Length);
        Assert.Equal(words, completion.Usage.OutputTokenCount);
    }

    private ChatClient ChatClientFor(string model) => new(model, new ApiKeyCredential(ApiKey), ClientOptions());

    private OpenAIClientOptions ClientOptions() => new() { Endpoint = _server.BaseUrl };

    /// <summary>Streams an answer to "Hello from the SDK" through the SDK, which asks for the usage chunk.</summary>
    private static async Task<(string Text, int ContentUpdates, ChatFinishReason? FinishReason, ChatTokenUsage? Usage)> StreamAsync(
        ChatClient chat, ChatCompletionOptions? options = null)
    {
        var text = new StringBuilder();
        var contentUpdates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finishReason = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hello from the SDK")], options))
        {
            var piece = Text(update);
            if (piece.Length > 0)
                contentUpdates++;
            text.Append(piece);
            usage = update.Usage ?? usage;
            finishReason = update.FinishReason ?? finishReason;
        }
        return (text.ToString(), contentUpdates, finishReason, usage);
    }

    /// <summary>Sends raw JSON through the SDK's protocol method, for fields the SDK does not set (such as <c>max_tokens</c>).</summary>
    private static async Task<JsonDocument> PostChatAsync(ChatClient chat, string json)
    {
        var result = await chat.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(json)));
        return JsonDocument.Parse(result.GetRawResponse().Content.ToString());
    }

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
