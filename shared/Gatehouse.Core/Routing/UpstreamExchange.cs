using Gatehouse.Providers;

namespace Gatehouse.Routing;

/// <summary>
/// One call to one deployment, from send to the last byte read. Owns the upstream response and the timers that
/// bound it: a deadline for the whole exchange and an idle timer that every read re-arms.
/// </summary>
public sealed class UpstreamExchange : IDisposable
{
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _clientAborted;

    internal UpstreamExchange(Deployment deployment, IProviderAdapter adapter, TimeProvider time, CancellationToken clientAborted)
    {
        Deployment = deployment;
        Adapter = adapter;
        _clientAborted = clientAborted;
        _deadline = new CancellationTokenSource(deployment.Provider.RequestTimeout, time);
        _idle = new CancellationTokenSource(deployment.Provider.ResponseHeadersTimeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, _deadline.Token, _idle.Token);
    }

    public Deployment Deployment { get; }

    public IProviderAdapter Adapter { get; }

    /// <summary>Set once the upstream answered with a success status.</summary>
    public HttpResponseMessage? Response { get; internal set; }

    /// <summary>Set when the upstream failed before a success status arrived.</summary>
    public UpstreamError? Error { get; internal set; }

    /// <summary>Cancels when the client goes away, the deadline passes or the upstream falls silent.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True when a timer (not the client) cancelled the exchange.</summary>
    public bool TimedOut => !_clientAborted.IsCancellationRequested && (_deadline.IsCancellationRequested || _idle.IsCancellationRequested);

    /// <summary>Restarts the idle timer; call after every chunk read from the upstream.</summary>
    public void MarkActivity() => _idle.CancelAfter(Deployment.Provider.IdleTimeout);

    public UpstreamError TimeoutError() => new(
        ProviderErrorKind.Timeout,
        null,
        $"The upstream provider '{Deployment.Provider.Name}' did not answer in time.");

    public void Dispose()
    {
        Response?.Dispose();
        _linked.Dispose();
        _idle.Dispose();
        _deadline.Dispose();
    }
}
