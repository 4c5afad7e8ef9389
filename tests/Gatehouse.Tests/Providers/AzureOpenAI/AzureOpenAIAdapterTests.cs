using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Configuration;
using Gatehouse.Providers;
using Gatehouse.Providers.AzureOpenAI;
using Gatehouse.Routing;

namespace Gatehouse.Tests.Providers.AzureOpenAI;

/// <summary>Requests to a deployment's URL with the key or nothing (Entra is the handler's); Azure's answers passed through.</summary>
public sealed class AzureOpenAIAdapterTests
{
    private const string Key = "azure-key-0123456789";
    private static readonly AzureOpenAIAdapter Adapter = new();

    internal static Deployment Deployment(
        string model = "gpt-4o-mini", string baseUrl = "https://my-resource.openai.azure.com", string? apiVersion = null, ProviderAuth auth = ProviderAuth.ApiKey)
    {
        var options = new ProviderOptions { Type = ProviderNames.AzureOpenAI, BaseUrl = baseUrl, ApiVersion = apiVersion, Auth = auth };
        return new Deployment(new ProviderEndpoint("azure", options.Type, new Uri(baseUrl), auth == ProviderAuth.ApiKey ? Key : null, options), model);
    }

    private static ProviderRequest Chat(string body, bool stream = false, bool addStreamUsage = false) =>
        new(ProviderOperation.ChatCompletions, JsonNode.Parse(body)!.AsObject(), stream, addStreamUsage);

    private static async Task<JsonObject> SentBody(HttpRequestMessage message) =>
        JsonNode.Parse(await message.Content!.ReadAsStringAsync())!.AsObject();

    [Fact]
    public void CreateRequest_Chat_PostsToTheDeploymentWithTheDefaultApiVersion()
    {
        using var message = Adapter.CreateRequest(Chat("""{"model":"alias","messages":[]}"""), Deployment());

        Assert.Equal(HttpMethod.Post, message.Method);
        Assert.Equal("https://my-resource.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21", message.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public void CreateRequest_Embeddings_ConfiguredApiVersion_IsInTheUrl()
    {
        var request = new ProviderRequest(ProviderOperation.Embeddings, JsonNode.Parse("""{"model":"alias","input":"hi"}""")!.AsObject(), Stream: false);

        using var message = Adapter.CreateRequest(request, Deployment(model: "text-embedding-3-small", apiVersion: "2025-04-01-preview"));

        Assert.Equal("/openai/deployments/text-embedding-3-small/embeddings", message.RequestUri!.AbsolutePath);
        Assert.Equal("?api-version=2025-04-01-preview", message.RequestUri.Query);
    }

    [Theory]
    [InlineData("https://my-resource.openai.azure.com/")]
    [InlineData("https://my-resource.openai.azure.com/openai")]
    [InlineData("https://my-resource.openai.azure.com/openai/")]
    public void CreateRequest_EndpointWithOrWithoutOpenaiPath_GetsOneOpenaiSegment(string baseUrl)
    {
        using var message = Adapter.CreateRequest(Chat("""{"messages":[]}"""), Deployment(baseUrl: baseUrl));

        Assert.Equal("/openai/deployments/gpt-4o-mini/chat/completions", message.RequestUri!.AbsolutePath);
    }

    [Fact]
    public void CreateRequest_DeploymentName_IsEscapedIntoOnePathSegment()
    {
        using var message = Adapter.CreateRequest(Chat("""{"messages":[]}"""), Deployment(model: "team a/gpt?x"));

        Assert.Equal("/openai/deployments/team%20a%2Fgpt%3Fx/chat/completions", message.RequestUri!.AbsolutePath);
        Assert.Equal("?api-version=2024-10-21", message.RequestUri.Query);
    }

    [Fact]
    public async Task CreateRequest_Body_IsTheClientsWithoutModel_AndIsNotMutated()
    {
        const string body = """
            {"model":"alias","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},
            {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},
            {"role":"tool","tool_call_id":"call_1","content":"42"}],
            "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
            "temperature":0.2,"max_tokens":50,"stop":["\n"],"n":2,"response_format":{"type":"json_object"}}
            """;
        var request = Chat(body);
        var before = request.Body.ToJsonString();

        using var message = Adapter.CreateRequest(request, Deployment());
        var sent = await SentBody(message);

        Assert.False(sent.ContainsKey("model"));
        var expected = JsonNode.Parse(body)!.AsObject();
        expected.Remove("model");
        Assert.True(JsonNode.DeepEquals(expected, sent), sent.ToJsonString());
        Assert.Equal(before, request.Body.ToJsonString());
        Assert.Equal("application/json", message.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public void CreateRequest_ApiKeyAuth_SendsTheApiKeyHeader_NeverAuthorization()
    {
        using var message = Adapter.CreateRequest(Chat("""{"messages":[]}"""), Deployment());

        Assert.Equal(Key, Assert.Single(message.Headers.GetValues("api-key")));
        Assert.Null(message.Headers.Authorization);
    }

    [Fact]
    public void CreateRequest_EntraAuth_SendsNoCredential_TheHandlerAddsTheToken()
    {
        using var message = Adapter.CreateRequest(Chat("""{"messages":[]}"""), Deployment(auth: ProviderAuth.Entra));

        Assert.False(message.Headers.Contains("api-key"));
        Assert.Null(message.Headers.Authorization);
    }

    [Fact]
    public async Task CreateRequest_StreamWithAddedUsage_AsksForUsage_AndAcceptsEventStream()
    {
        using var message = Adapter.CreateRequest(Chat("""{"model":"a","stream":true,"messages":[]}""", stream: true, addStreamUsage: true), Deployment());

        var sent = await SentBody(message);
        Assert.True(sent["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Contains(message.Headers.Accept, a => a.MediaType == "text/event-stream");
    }

    [Fact]
    public async Task CreateRequest_ApiVersionBeforeStreamUsage_DoesNotAddTheOption_ButKeepsTheClients()
    {
        using var added = Adapter.CreateRequest(Chat("""{"stream":true,"messages":[]}""", stream: true, addStreamUsage: true), Deployment(apiVersion: "2024-06-01"));
        using var clients = Adapter.CreateRequest(
            Chat("""{"stream":true,"stream_options":{"include_usage":true},"messages":[]}""", stream: true), Deployment(apiVersion: "2024-06-01"));

        Assert.False((await SentBody(added)).ContainsKey("stream_options"));
        Assert.True((await SentBody(clients))["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("2024-10-21", true)]
    [InlineData("2024-09-01-preview", true)]
    [InlineData("2025-04-01-preview", true)]
    [InlineData("2024-08-01-preview", false)]
    [InlineData("2024-06-01", false)]
    [InlineData("2023-05-15", false)]
    [InlineData("preview", true)]
    [InlineData("latest", true)]
    public void SupportsStreamUsage_FromSeptember2024(string apiVersion, bool expected) =>
        Assert.Equal(expected, AzureOpenAIAdapter.SupportsStreamUsage(apiVersion));

    [Fact]
    public async Task ReadResponseAsync_PassesAzuresAnswerThrough_WithItsFilterResults_AndReadsUsage()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(AzurePayloads.Completion, Encoding.UTF8, "application/json") };

        var answer = await Adapter.ReadResponseAsync(response, CancellationToken.None);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AzurePayloads.Completion), answer.Body));
        Assert.Equal(new TokenUsage(19, 10, 29), answer.Usage);
        Assert.NotNull(answer.Body["prompt_filter_results"]);
        Assert.NotNull(answer.Body["choices"]![0]!["content_filter_results"]);
    }

    [Fact]
    public async Task ReadStreamAsync_RelaysEveryChunk_PromptFilterChunkIsNotUsage_UsageChunkIs()
    {
        using var response = AzurePayloads.Sse(AzurePayloads.StreamEvents);

        var chunks = await ReadAll(response);

        Assert.Equal(AzurePayloads.StreamEvents.Length, chunks.Count);
        Assert.Equal(AzurePayloads.StreamEvents, chunks.Select(c => Encoding.UTF8.GetString(c.Data.Span)));
        Assert.Null(chunks[0].Usage); // Azure's prompt_filter_results chunk: empty choices, but no usage
        Assert.NotNull(chunks[0].Json!["prompt_filter_results"]);
        Assert.NotNull(chunks[2].Json!["choices"]![0]!["content_filter_results"]);
        Assert.All(chunks.Take(chunks.Count - 2), c => Assert.Null(c.Usage));
        Assert.Equal(new TokenUsage(9, 3, 12), chunks[^2].Usage);
        Assert.True(chunks[^1].IsDone);
    }

    [Fact]
    public async Task ReadStreamAsync_EndsWithoutDone_YieldsNoDone()
    {
        using var response = AzurePayloads.Sse(AzurePayloads.StreamEvents[..3]);

        var chunks = await ReadAll(response);

        Assert.Equal(3, chunks.Count);
        Assert.DoesNotContain(chunks, c => c.IsDone);
    }

    [Theory]
    [InlineData("""{"error":{"code":"content_filter","message":"The response was filtered.","innererror":{"code":"ResponsibleAIPolicyViolation"}}}""", ProviderErrorKind.ContentFiltered)]
    [InlineData("""{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}""", ProviderErrorKind.Server)]
    public async Task ReadStreamAsync_ErrorObjectInPlaceOfAChunk_ThrowsWithItsKind(string error, ProviderErrorKind kind)
    {
        using var response = AzurePayloads.Sse([AzurePayloads.StreamEvents[0], AzurePayloads.StreamEvents[1], error]);

        var thrown = await Assert.ThrowsAsync<UpstreamStreamException>(() => ReadAll(response));

        Assert.Equal(kind, thrown.Error.Kind);
        Assert.StartsWith("The ", thrown.Error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<ChatStreamChunk>> ReadAll(HttpResponseMessage response)
    {
        var chunks = new List<ChatStreamChunk>();
        await foreach (var chunk in Adapter.ReadStreamAsync(response, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
