using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Gatehouse.Configuration;
using Gatehouse.Providers.OpenAICompatible;
using Gatehouse.Routing;

namespace Gatehouse.Providers.AzureOpenAI;

/// <summary>
/// Azure OpenAI: the OpenAI wire format at a deployment's own URL. The deployment (the config's <c>Model</c>) and the
/// <c>api-version</c> go in the URL and the body goes without <c>model</c>. The gateway proves itself with an
/// <c>api-key</c> header, or with an Entra ID token that <see cref="EntraTokenHandler"/> adds on the way out, so no
/// token ever passes through here. Answers and streams are OpenAI's plus Azure's content-filter annotations
/// (<c>prompt_filter_results</c>, <c>content_filter_results</c>), and pass through as Azure wrote them.
/// </summary>
public sealed class AzureOpenAIAdapter : IProviderAdapter
{
    /// <summary>The <c>api-version</c> sent when the provider sets none: the data-plane inference GA release.</summary>
    public const string DefaultApiVersion = "2024-10-21";

    // stream_options.include_usage arrived with 2024-09-01-preview (GA in 2024-10-21); older versions reject the member.
    private const string FirstDatedVersionWithStreamUsage = "2024-09-01";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    // Same answers and stream chunks as OpenAI: its reading is reused as it is.
    private readonly OpenAICompatibleAdapter _openAI = new(ProviderNames.AzureOpenAI);

    public string Name => ProviderNames.AzureOpenAI;

    public HttpRequestMessage CreateRequest(ProviderRequest request, Deployment deployment)
    {
        var provider = deployment.Provider;
        var apiVersion = provider.ApiVersion ?? DefaultApiVersion;
        var addStreamUsage = request.AddStreamUsage && deployment.Provider.RequestStreamUsage && SupportsStreamUsage(apiVersion);
        var content = new ByteArrayContent(OpenAIWire.WriteBodyWithoutModel(request.Body, addStreamUsage));
        content.Headers.ContentType = JsonContentType;
        var message = new HttpRequestMessage(HttpMethod.Post, RequestUri(provider, deployment.Model, request.Operation, apiVersion))
        {
            Content = content,
        };

        // With Entra auth the key setting is refused at start; the token is added by the HTTP client's handler.
        if (provider.Auth == ProviderAuth.ApiKey && provider.ApiKey is { } apiKey)
        {
            message.Headers.Add("api-key", apiKey);
        }

        if (request.Stream)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        return message;
    }

    public ValueTask<ProviderResponse> ReadResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        _openAI.ReadResponseAsync(response, cancellationToken);

    /// <summary>
    /// Relays Azure's chunks as they are, including its first one (empty <c>choices</c>, <c>prompt_filter_results</c>):
    /// it carries no <c>usage</c>, so it is never taken for the usage chunk. An error object in place of a chunk ends the stream.
    /// </summary>
    public async IAsyncEnumerable<ChatStreamChunk> ReadStreamAsync(
        HttpResponseMessage response,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in _openAI.ReadStreamAsync(response, cancellationToken))
        {
            if (AzureOpenAIErrors.FromStreamChunk(chunk) is { } error)
            {
                throw new UpstreamStreamException(error);
            }

            yield return chunk;
        }
    }

    public ValueTask<UpstreamError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        AzureOpenAIErrors.ReadAsync(response, cancellationToken);

    /// <summary>
    /// <c>{endpoint}/openai/deployments/{deployment}/{operation}?api-version=...</c>. An endpoint configured with the
    /// <c>/openai</c> path already on it is taken as meant rather than given a second one.
    /// </summary>
    internal static Uri RequestUri(ProviderEndpoint provider, string deploymentName, ProviderOperation operation, string apiVersion)
    {
        var prefix = provider.BaseUrl.AbsolutePath.TrimEnd('/').EndsWith("/openai", StringComparison.OrdinalIgnoreCase) ? "" : "openai/";
        var path = operation == ProviderOperation.Embeddings ? "embeddings" : "chat/completions";
        return provider.Resolve($"{prefix}deployments/{Uri.EscapeDataString(deploymentName)}/{path}?api-version={Uri.EscapeDataString(apiVersion)}");
    }

    /// <summary>True for dated versions from 2024-09-01 on, and for undated ones (<c>preview</c>, <c>latest</c>), which are newer.</summary>
    internal static bool SupportsStreamUsage(string apiVersion)
    {
        var dated = apiVersion.Length >= 10 && DateOnly.TryParseExact(apiVersion.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        return !dated || string.CompareOrdinal(apiVersion, 0, FirstDatedVersionWithStreamUsage, 0, 10) >= 0;
    }
}
