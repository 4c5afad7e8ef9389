using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Routing;
using Gatehouse.Streaming;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// The Gemini API (Generative Language API, v1beta): chat completions as <c>models/{model}:generateContent</c> and,
/// streamed, <c>:streamGenerateContent?alt=sse</c>; embeddings as <c>:batchEmbedContents</c>. The API version is part
/// of the configured base URL (<c>https://generativelanguage.googleapis.com/v1beta</c>). The key goes in the
/// <c>x-goog-api-key</c> header, never in the URL's <c>key</c> query parameter, because URLs end up in logs.
/// </summary>
public sealed class GeminiAdapter(TimeProvider time) : IProviderAdapter
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public string Name => ProviderNames.Gemini;

    public HttpRequestMessage CreateRequest(ProviderRequest request, Deployment deployment)
    {
        var model = ModelId(deployment.Model);
        var resource = $"models/{Uri.EscapeDataString(model)}";
        byte[] body;
        string path;
        var base64 = false;
        if (request.Operation == ProviderOperation.Embeddings)
        {
            body = GeminiEmbeddingsWriter.Write(request.Body, model);
            path = $"{resource}:batchEmbedContents";
            base64 = GeminiEmbeddingsWriter.WantsBase64(request.Body);
        }
        else
        {
            body = GeminiRequestWriter.WriteChat(request.Body, model);
            path = request.Stream ? $"{resource}:streamGenerateContent?alt=sse" : $"{resource}:generateContent";
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        var message = new HttpRequestMessage(HttpMethod.Post, deployment.Provider.Resolve(path)) { Content = content };
        if (deployment.Provider.ApiKey is { } apiKey)
        {
            message.Headers.Add(GeminiErrors.ApiKeyHeader, apiKey);
        }

        if (request.Stream)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        // Gemini always reports a stream's usage; the usage chunk is sent only when the gateway or the client wants it,
        // as an OpenAI server sends it only when asked.
        var streamUsage = request.AddStreamUsage || ClientAskedForStreamUsage(request.Body);
        message.Options.Set(GeminiRequestState.Key, new GeminiRequestState(request.Operation, model, base64, streamUsage));
        return message;
    }

    public async ValueTask<ProviderResponse> ReadResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var state = GeminiRequestState.Of(response);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var answer = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject
            ?? throw new JsonException("The upstream answered with JSON that is not an object.");
        var embeddings = state?.Operation == ProviderOperation.Embeddings || (state is null && answer.ContainsKey("embeddings"));
        var body = embeddings
            ? GeminiEmbeddingsReader.Read(answer, state?.Model ?? "gemini", state?.Base64Embeddings ?? false)
            : GeminiResponseReader.ReadChat(
                answer,
                GeminiNodes.String(answer["responseId"]) is { Length: > 0 } responseId ? CompletionId(responseId) : NewCompletionId(),
                time.GetUtcNow().ToUnixTimeSeconds(),
                GeminiNodes.String(answer["modelVersion"]) ?? state?.Model ?? "gemini");
        return new ProviderResponse(body, TokenUsage.FromOpenAI(body["usage"]));
    }

    public async IAsyncEnumerable<ChatStreamChunk> ReadStreamAsync(
        HttpResponseMessage response,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = GeminiRequestState.Of(response);
        var translator = new GeminiStreamTranslator(NewCompletionId(), time.GetUtcNow().ToUnixTimeSeconds(), state?.Model ?? "gemini", state?.StreamUsage ?? true);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var sseEvent in SseReader.ReadAsync(stream, cancellationToken: cancellationToken))
        {
            foreach (var chunk in translator.Translate(sseEvent.Data))
            {
                yield return chunk;
            }
        }

        // A connection that ended before every candidate finished was cut off: no [DONE], so the relay reports it.
        if (!translator.Complete)
        {
            yield break;
        }

        foreach (var chunk in translator.Finish())
        {
            yield return chunk;
        }
    }

    public ValueTask<UpstreamError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        GeminiErrors.ReadAsync(response, cancellationToken);

    internal static string CompletionId(string responseId) => "chatcmpl-" + responseId;

    private static string NewCompletionId() => CompletionId(Guid.NewGuid().ToString("N"));

    /// <summary>Config may name the model as Gemini's resource name (<c>models/gemini-2.0-flash</c>) or as its id.</summary>
    private static string ModelId(string model) => model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;

    private static bool ClientAskedForStreamUsage(JsonObject body) =>
        body["stream_options"] is JsonObject options && GeminiNodes.Bool(options["include_usage"]) == true;
}
