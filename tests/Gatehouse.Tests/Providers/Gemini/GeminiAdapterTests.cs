using System.Text.Json.Nodes;
using Gatehouse.Providers;
using static Gatehouse.Tests.Providers.Gemini.GeminiTestRequests;

namespace Gatehouse.Tests.Providers.Gemini;

/// <summary>Where the adapter sends a request, and with what credentials and headers.</summary>
public sealed class GeminiAdapterTests
{
    [Fact]
    public void Chat_PostsToGenerateContent_WithTheKeyInTheHeaderOnly()
    {
        using var message = Adapter().CreateRequest(Chat("""{"model":"alias","messages":[{"role":"user","content":"hi"}]}"""), Deployment());

        Assert.Equal(HttpMethod.Post, message.Method);
        Assert.Equal("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent", message.RequestUri!.AbsoluteUri);
        Assert.Equal(ApiKey, message.Headers.GetValues("x-goog-api-key").Single());
        Assert.DoesNotContain(ApiKey, message.RequestUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Null(message.Headers.Authorization);
        Assert.Equal("application/json", message.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public void Stream_PostsToStreamGenerateContentAsServerSentEvents()
    {
        using var message = Adapter().CreateRequest(Chat("""{"model":"alias","stream":true,"messages":[{"role":"user","content":"hi"}]}""", stream: true), Deployment());

        Assert.Equal("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", message.RequestUri!.AbsoluteUri);
        Assert.Equal("text/event-stream", message.Headers.Accept.Single().MediaType);
    }

    [Fact]
    public void ModelGivenAsAResourceName_IsUsedAsItsId()
    {
        using var message = Adapter().CreateRequest(Chat("""{"model":"alias","messages":[{"role":"user","content":"hi"}]}"""), Deployment("models/gemini-2.5-pro"));

        Assert.EndsWith("/v1beta/models/gemini-2.5-pro:generateContent", message.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKeyConfigured_SendsNoKeyHeader()
    {
        using var message = Adapter().CreateRequest(Chat("""{"model":"alias","messages":[{"role":"user","content":"hi"}]}"""), Deployment(apiKey: null));

        Assert.False(message.Headers.Contains("x-goog-api-key"));
    }

    [Fact]
    public async Task Embeddings_PostToBatchEmbedContents_OneRequestPerInput()
    {
        var body = JsonNode.Parse("""{"model":"alias","input":["first","second"],"dimensions":256}""")!.AsObject();

        using var message = Adapter().CreateRequest(new ProviderRequest(ProviderOperation.Embeddings, body, Stream: false), Deployment("text-embedding-004"));

        Assert.Equal("https://generativelanguage.googleapis.com/v1beta/models/text-embedding-004:batchEmbedContents", message.RequestUri!.AbsoluteUri);
        Assert.Equal(
            """{"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"first"}]},"outputDimensionality":256},{"model":"models/text-embedding-004","content":{"parts":[{"text":"second"}]},"outputDimensionality":256}]}""",
            await message.Content!.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""[1,2,3]""")]
    [InlineData("""[[1,2],[3]]""")]
    public void Embeddings_OfTokenArrays_AreRefused(string input)
    {
        var body = JsonNode.Parse($$"""{"model":"alias","input":{{input}}}""")!.AsObject();

        var error = Assert.Throws<UnsupportedRequestException>(() =>
            Adapter().CreateRequest(new ProviderRequest(ProviderOperation.Embeddings, body, Stream: false), Deployment("text-embedding-004")));

        Assert.Contains("text only", error.Message, StringComparison.Ordinal);
    }
}
