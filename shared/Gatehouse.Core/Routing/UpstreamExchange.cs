using Gatehouse.Providers;

namespace Gatehouse.Routing;

/// <summary>
/// One call to one deployment, from send to the last byte read. Owns the upstream response and the timers that bound
/// it once it has started: a deadline for the whole exchange and an idle timer that every read re-arms. (Until it has
/// started, the routing's per-attempt timeout bounds it, through <see cref="Abandon"/>.)
/// A started exchange holds the whole answer (<see cref="Answer"/>), or for a stream the events read so far
/// (<see cref="Opening"/>) and the reader for the rest (<see cref="Rest"/>).
/// </summary>
public sealed class UpstreamExchange : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _abandoned = new();
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _clientAborted;
    private int _disposed;

    internal UpstreamExchange(Deployment deployment, IProviderAdapter adapter, TimeProvider time, CancellationToken clientAborted)
    {
        Deployment = deployment;
        Adapter = adapter;
        _clientAborted = clientAborted;
        _deadline = new CancellationTokenSource(deployment.Provider.RequestTimeout, time);
        _idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, _deadline.Token, _idle.Token, _abandoned.Token);
    }

    public Deployment Deployment { get; }

    public IProviderAdapter Adapter { get; }

    /// <summary>Set once the upstream answered with a success status.</summary>
    public HttpResponseMessage? Response { get; internal set; }

    /// <summary>Set when the upstream failed before the answer started.</summary>
    public UpstreamError? Error { get; internal set; }

    /// <summary>The complete answer of a non-streamed call.</summary>
    public ProviderResponse? Answer { get; internal set; }

    /// <summary>A stream's first events, read before anything went to the client (see <see cref="UpstreamSender"/>).</summary>
    public IReadOnlyList<ChatStreamChunk> Opening { get; internal set; } = [];

    /// <summary>A stream's reader, positioned after <see cref="Opening"/>; null when the opening already held its end.</summary>
    public IAsyncEnumerator<ChatStreamChunk>? Rest { get; internal set; }

    /// <summary>Time from sending to the response's status line and headers.</summary>
    public TimeSpan? TimeToHeaders { get; internal set; }

    /// <summary>Cancels when the client goes away, the deadline passes, the upstream falls silent or the attempt is abandoned.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True when a timer (not the client, not an abandoned attempt) cancelled the exchange.</summary>
    public bool TimedOut => !_clientAborted.IsCancellationRequested && !_abandoned.IsCancellationRequested
        && (_deadline.IsCancellationRequested || _idle.IsCancellationRequested);

    /// <summary>Restarts the idle timer; call after every chunk read from the upstream.</summary>
    public void MarkActivity() => _idle.CancelAfter(Deployment.Provider.IdleTimeout);

    /// <summary>Gives the attempt up (its timeout passed): whatever it is waiting on is cancelled.</summary>
    internal void Abandon() => _abandoned.Cancel();

    public UpstreamError TimeoutError() => new(
        ProviderErrorKind.Timeout,
        null,
        $"The upstream provider '{Deployment.Provider.Name}' did not answer in time.");

    /// <summary>
    /// What an exception thrown while talking to the upstream means, before the answer started or after: the error the
    /// provider announced in its stream, a timer of this exchange, a malformed answer, a broken or refused connection.
    /// Null for anything else (a client that went away, an abandoned attempt, a bug), which the caller lets propagate.
    /// </summary>
    public UpstreamError? FailureOf(Exception e) => e switch
    {
        UpstreamStreamException stream => stream.Error,
        OperationCanceledException when TimedOut => TimeoutError(),
        System.Text.Json.JsonException or InvalidDataException => new UpstreamError(ProviderErrorKind.Server, null,
            $"The upstream provider '{Deployment.Provider.Name}' sent a malformed response."),

        // The exception text can carry the upstream address; the client gets a plain statement instead.
        HttpRequestException or IOException => new UpstreamError(ProviderErrorKind.Unavailable, null,
            $"The upstream provider '{Deployment.Provider.Name}' could not be reached, or broke off."),
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (Rest is { } rest)
        {
            _linked.Cancel(); // a reader blocked on the upstream gives up instead of delaying the dispose
            try
            {
                await rest.DisposeAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
            {
                // The stream is being torn down; its errors were already reported or no longer matter.
            }
        }

        Release();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _linked.Cancel();
            Release();
        }
    }

    private void Release()
    {
        Response?.Dispose();
        _linked.Dispose();
        _abandoned.Dispose();
        _idle.Dispose();
        _deadline.Dispose();
    }
}
