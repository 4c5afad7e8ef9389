using Gatehouse.TestDoubles.OpenAI;

using Gatehouse.TestDoubles.Hosting;

namespace Gatehouse.TestDoubles.Gemini;

/// <summary>
/// A local fake of the Gemini API (Generative Language API, v1beta) speaking its real wire format, on 127.0.0.1 only:
/// <c>models/{model}:generateContent</c>, <c>:streamGenerateContent</c> (SSE with <c>alt=sse</c>, else a JSON array)
/// and <c>:batchEmbedContents</c>, with Google's error envelope. The model in the URL picks a scenario:
/// <c>fail-&lt;status&gt;</c> (Google's error body for that status; a 429 says when to retry in <c>RetryInfo</c>),
/// <c>abort-stream</c> (the connection drops after the first event), <c>stream-error</c> (an error object in place of
/// the second event), <c>blocked</c> (the prompt is refused: <c>promptFeedback.blockReason</c>, no candidates),
/// <c>tool</c> (a <c>functionCall</c> of the first declared function, or a text answer once the last turn carries
/// function responses); any other name answers "You said: &lt;last user text&gt;", cut at <c>maxOutputTokens</c>
/// (one token per word) with MAX_TOKENS.
/// </summary>
public sealed class FakeGeminiServer : IAsyncDisposable
{
    private readonly LoopbackHost _host;
    private readonly RequestJournal _journal;

    private FakeGeminiServer(LoopbackHost host, RequestJournal journal, Uri baseUrl)
    {
        _host = host;
        _journal = journal;
        BaseUrl = baseUrl;
    }

    /// <summary>The API base URL, e.g. <c>http://127.0.0.1:40123/v1beta</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every request received so far, in arrival order (recorded before it was answered).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _journal.Snapshot();

    public static async Task<FakeGeminiServer> StartAsync(FakeGeminiOptions? options = null, int port = 0, CancellationToken ct = default)
    {
        options ??= new FakeGeminiOptions();
        options.Validate();

        var journal = new RequestJournal();
        var host = await LoopbackHost.StartAsync(port, stopping => new FakeGeminiPipeline(options, journal, stopping).InvokeAsync, ct);
        return new FakeGeminiServer(host, journal, new Uri(host.Address + "v1beta"));
    }

    /// <summary>Forgets the recorded requests (for a fake shared by several tests).</summary>
    public void ClearRequests() => _journal.Clear();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
