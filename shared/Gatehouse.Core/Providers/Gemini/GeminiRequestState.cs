namespace Gatehouse.Providers.Gemini;

/// <summary>
/// What the answer's translation needs to know about the request (the operation, the model, how the client wants
/// vectors and usage), carried on the request message's options from <see cref="GeminiAdapter.CreateRequest"/> to the
/// readers, which see only the response (and through it, the request that produced it).
/// </summary>
internal sealed record GeminiRequestState(ProviderOperation Operation, string Model, bool Base64Embeddings, bool StreamUsage)
{
    public static readonly HttpRequestOptionsKey<GeminiRequestState> Key = new("Gatehouse.Gemini.Request");

    public static GeminiRequestState? Of(HttpResponseMessage response) =>
        response.RequestMessage is { } request && request.Options.TryGetValue(Key, out var state) ? state : null;
}
