using System.ClientModel;
using Gatehouse.IntegrationTests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Gatehouse.IntegrationTests.Proxy;

/// <summary>The official OpenAI .NET client, changed only in endpoint and key, works against the gateway.</summary>
public sealed class OpenAISdkTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private async Task<OpenAIClientOptions> OptionsAsync() =>
        await Task.FromResult(new OpenAIClientOptions { Endpoint = new Uri(fixture.App.BaseUrl, "v1") });

    [Fact]
    public async Task ChatClient_NonStreaming_GetsAnswerAndUsage()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(secret), await OptionsAsync());

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.True(completion.Usage.TotalTokenCount > 0);
    }

    [Fact]
    public async Task ChatClient_Streaming_GetsTextInUpdates()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential(secret), await OptionsAsync());
        var text = new System.Text.StringBuilder();
        var updates = 0;

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Stream a hello")]))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.True(updates >= 3);
        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
    }

    [Fact]
    public async Task EmbeddingClient_Works()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var embeddings = new EmbeddingClient("text-embedding-3-small", new ApiKeyCredential(secret), await OptionsAsync());

        OpenAIEmbedding embedding = await embeddings.GenerateEmbeddingAsync("hello");

        Assert.True(embedding.ToFloats().Length > 0);
    }

    [Fact]
    public async Task ChatClient_BadKey_RaisesAuthenticationError()
    {
        var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential("gh_wrongwrongwrongwrongwrongwrongwrongwrongwro"), await OptionsAsync());

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
    }
}
