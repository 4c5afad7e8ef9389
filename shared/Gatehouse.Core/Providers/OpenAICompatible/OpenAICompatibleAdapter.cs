using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Routing;
using Gatehouse.Streaming;

namespace Gatehouse.Providers.OpenAICompatible;

/// <summary>
/// The OpenAI wire format, spoken by OpenAI itself and by many servers (vLLM, Ollama, Groq, Mistral...).
/// Requests pass through with the alias replaced by the deployment's model; responses and stream chunks pass
/// through as the provider wrote them.
/// </summary>
public sealed class OpenAICompatibleAdapter(string name) : IProviderAdapter
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public string Name { get; } = name;

    public HttpRequestMessage CreateRequest(ProviderRequest request, Deployment deployment)
    {
        var path = request.Operation == ProviderOperation.Embeddings ? "embeddings" : "chat/completions";
        var addStreamUsage = request.AddStreamUsage && deployment.Provider.RequestStreamUsage;
        var content = new ByteArrayContent(OpenAIWire.WriteBody(request.Body, deployment.Model, addStreamUsage));
        content.Headers.ContentType = JsonContentType;
        var message = new HttpRequestMessage(HttpMethod.Post, deployment.Provider.Resolve(path)) { Content = content };
        if (deployment.Provider.ApiKey is { } apiKey)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (request.Stream)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        return message;
    }

    public async ValueTask<ProviderResponse> ReadResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var body = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject
            ?? throw new JsonException("The upstream answered with JSON that is not an object.");
        return new ProviderResponse(body, TokenUsage.FromOpenAI(body["usage"]));
    }

    public async IAsyncEnumerable<ChatStreamChunk> ReadStreamAsync(
        HttpResponseMessage response,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var sseEvent in SseReader.ReadAsync(stream, cancellationToken: cancellationToken))
        {
            yield return new ChatStreamChunk(sseEvent.Data);
        }
    }

    public async ValueTask<UpstreamError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var message = await OpenAIWire.ReadErrorMessageAsync(response, cancellationToken);
        return new UpstreamError(ProviderErrorKinds.FromStatus(status), status, message, RetryAfterHeader.Read(response));
    }
}
