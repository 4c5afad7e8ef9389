using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Routing;
using Gatehouse.Streaming;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// The Anthropic Messages API (<c>POST {BaseUrl}/messages</c>, <c>x-api-key</c>, <c>anthropic-version</c>), translated
/// to and from the OpenAI chat shape. Chat only: Anthropic has no embeddings API.
/// </summary>
public sealed class AnthropicAdapter(TimeProvider time) : IProviderAdapter
{
    /// <summary>Sent as <c>anthropic-version</c> unless the provider's <c>ApiVersion</c> says otherwise.</summary>
    public const string DefaultApiVersion = "2023-06-01";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public string Name => ProviderNames.Anthropic;

    public HttpRequestMessage CreateRequest(ProviderRequest request, Deployment deployment)
    {
        var content = new ByteArrayContent(AnthropicRequestWriter.WriteBody(request, deployment.Model));
        content.Headers.ContentType = JsonContentType;
        var message = new HttpRequestMessage(HttpMethod.Post, deployment.Provider.Resolve("messages")) { Content = content };
        if (deployment.Provider.ApiKey is { } apiKey)
        {
            message.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        }

        message.Headers.TryAddWithoutValidation("anthropic-version", deployment.Provider.ApiVersion ?? DefaultApiVersion);
        if (request.Stream)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        return message;
    }

    public async ValueTask<ProviderResponse> ReadResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var message = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject
            ?? throw new JsonException("Anthropic answered with JSON that is not an object.");
        var body = AnthropicResponseReader.ToChatCompletion(message, time.GetUtcNow().ToUnixTimeSeconds());
        return new ProviderResponse(body, TokenUsage.FromOpenAI(body["usage"]));
    }

    public async IAsyncEnumerable<ChatStreamChunk> ReadStreamAsync(
        HttpResponseMessage response,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var translator = new AnthropicStreamTranslator(time.GetUtcNow().ToUnixTimeSeconds());
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var sseEvent in SseReader.ReadAsync(stream, cancellationToken: cancellationToken))
        {
            foreach (var chunk in translator.Translate(sseEvent))
            {
                yield return chunk;
            }

            if (translator.Completed)
            {
                yield return ChatStreamChunk.Done;
                yield break;
            }
        }

        // Ended without message_stop: no Done, so the relay reports a broken stream instead of a complete answer.
    }

    public ValueTask<UpstreamError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        AnthropicErrors.ReadAsync(response, cancellationToken);
}
