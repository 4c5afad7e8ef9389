using Gatehouse.TestDoubles.Hosting;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// A local fake of the OpenAI API speaking the real wire format, on 127.0.0.1 only. Start one per test class;
/// instances are independent and every member is safe to call while requests are running.
/// The request's <c>model</c> picks a scenario: <c>fail-&lt;status&gt;</c>, <c>hold-stream</c>, <c>abort-stream</c>,
/// <c>slow</c>, <c>long-&lt;N&gt;</c>; any other name gets a normal, deterministic answer. Answers honour
/// <c>max_completion_tokens</c> (or <c>max_tokens</c>), counting one token per word.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly LoopbackHost _host;
    private readonly FakeServerState _state;

    private FakeOpenAIServer(LoopbackHost host, FakeServerState state, Uri baseUrl)
    {
        _host = host;
        _state = state;
        BaseUrl = baseUrl;
    }

    /// <summary>The OpenAI base URL, e.g. <c>http://127.0.0.1:40123/v1</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    public FakeOpenAIOptions Options => _state.Options;

    /// <summary>Every request received so far, in arrival order (a snapshot; recorded before it was answered).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _state.Journal.Snapshot();

    /// <summary>Requests being handled right now (including ones parked by <c>hold-stream</c> or <c>slow</c>).</summary>
    public int InFlight => _state.InFlight;

    /// <summary>Requests whose client went away before the answer was complete (drops the fake causes itself excluded).</summary>
    public int AbortedRequests => _state.Aborts.Count;

    /// <summary><c>hold-stream</c> requests currently held (counted from just before their first content chunk is sent, so a client that has it sees this above zero).</summary>
    public int HeldStreams => _state.Hold.Held;

    /// <summary>
    /// Starts a fake. <paramref name="port"/> 0 picks a free port. Binds 127.0.0.1 only, never all interfaces.
    /// Logs warnings and errors only, to stderr.
    /// </summary>
    public static async Task<FakeOpenAIServer> StartAsync(FakeOpenAIOptions? options = null, int port = 0, CancellationToken ct = default)
    {
        options ??= new FakeOpenAIOptions();
        options.Validate();
        FakeServerState? state = null;
        var host = await LoopbackHost.StartAsync(port, stopping => new FakeOpenAIPipeline(state = new FakeServerState(options, stopping)).InvokeAsync, ct);
        return new FakeOpenAIServer(host, state!, new Uri(host.Address + "v1"));
    }

    /// <summary>Forgets the recorded requests (for a fake shared by several tests).</summary>
    public void ClearRequests() => _state.Journal.Clear();

    /// <summary>
    /// Lets every <c>hold-stream</c> request that arrived before this call carry on (including ones that have not
    /// reached their hold point yet). Requests arriving afterwards are held until the next call.
    /// </summary>
    public void ReleaseHeldStreams() => _state.Hold.ReleaseAll();

    /// <summary>True once any request has seen its client go away (ever, on this server); false after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForAbortAsync(TimeSpan timeout) => WaitForAbortsAsync(1, timeout);

    /// <summary>True once <see cref="AbortedRequests"/> reaches <paramref name="count"/>; false after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForAbortsAsync(int count, TimeSpan timeout) => _state.Aborts.WaitForCountAsync(count, timeout);

    /// <summary>Stops the server; open requests (held, slow, streaming) are cut off rather than waited for.</summary>
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
