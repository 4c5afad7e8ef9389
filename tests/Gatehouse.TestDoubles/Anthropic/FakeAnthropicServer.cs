using Gatehouse.TestDoubles.OpenAI;

using Gatehouse.TestDoubles.Hosting;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>
/// A local fake of the Anthropic Messages API speaking the real wire format (bodies, named SSE events, error envelope,
/// <c>x-api-key</c> and <c>anthropic-version</c> checks), on 127.0.0.1 only. The request's model picks a scenario
/// (<see cref="MessagesHandler"/>). Smaller than the OpenAI fake: no holds, delays or embeddings.
/// </summary>
public sealed class FakeAnthropicServer : IAsyncDisposable
{
    private readonly LoopbackHost _host;
    private readonly RequestJournal _journal;

    private FakeAnthropicServer(LoopbackHost host, RequestJournal journal, Uri baseUrl)
    {
        _host = host;
        _journal = journal;
        BaseUrl = baseUrl;
    }

    /// <summary>The base URL, like <c>https://api.anthropic.com/v1</c>: e.g. <c>http://127.0.0.1:40123/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every request received so far, in arrival order (recorded before it was answered).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _journal.Snapshot();

    public static async Task<FakeAnthropicServer> StartAsync(FakeAnthropicOptions? options = null, int port = 0, CancellationToken ct = default)
    {
        options ??= new FakeAnthropicOptions();
        options.Validate();

        var journal = new RequestJournal();
        var host = await LoopbackHost.StartAsync(port, stopping => new FakeAnthropicPipeline(options, journal, stopping).InvokeAsync, ct);
        return new FakeAnthropicServer(host, journal, new Uri(host.Address + "v1"));
    }

    public void ClearRequests() => _journal.Clear();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
