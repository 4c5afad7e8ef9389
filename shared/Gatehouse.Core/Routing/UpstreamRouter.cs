using Gatehouse.Configuration;
using Gatehouse.Providers;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Gatehouse.Routing;

/// <summary>
/// Tries a request's deployments in the order the route's strategies chose, each through its resilience pipeline
/// (retries, breaker, per-attempt timeout), and returns the first answer that started, or the failure to report.
/// Fails over on transient failures, on rejected credentials and on requests a wire format cannot express; never on a
/// request the provider rejected as bad or a content filter refused (another provider would be a way around the filter).
/// The whole search is bounded by <see cref="RoutingOptions.TotalTimeout"/>. Every try is added to the attempt list.
/// </summary>
public sealed class UpstreamRouter(UpstreamSender sender, DeploymentResilience resilience, LatencyTracker latency, TimeProvider time, IOptions<GatehouseOptions> options)
{
    private readonly ResiliencePipeline _total = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddTimeout(options.Value.Routing.TotalTimeout)
        .Build();

    private readonly TimeSpan _totalTimeout = options.Value.Routing.TotalTimeout;

    public async Task<RoutedExchange> SendAsync(
        ProviderRequest request, IEnumerable<Deployment> plan, List<UpstreamAttempt> attempts, CancellationToken clientAborted)
    {
        var state = new SearchState(this, request, plan, attempts, clientAborted);
        try
        {
            return await _total.ExecuteAsync(static (state, token) => state.Router.SearchAsync(state, token), state, clientAborted);
        }
        catch (TimeoutRejectedException)
        {
            return new RoutedExchange(null, state.LastTried, new UpstreamError(ProviderErrorKind.Timeout, null,
                $"No upstream provider answered within {_totalTimeout.TotalSeconds:0.#} s."));
        }
    }

    private async ValueTask<RoutedExchange> SearchAsync(SearchState state, CancellationToken searchAborted)
    {
        UpstreamError? failure = null;
        foreach (var deployment in state.Plan)
        {
            state.LastTried = deployment;
            var attempt = new AttemptState(this, state, deployment);
            UpstreamExchange exchange;
            try
            {
                exchange = await resilience.For(deployment).ExecuteAsync(
                    static (attempt, token) => attempt.Router.AttemptAsync(attempt, token), attempt, searchAborted);
            }
            catch (BrokenCircuitException open)
            {
                state.Attempts.Add(new UpstreamAttempt(deployment.Name, AttemptOutcomes.CircuitOpen, null, 0));
                failure ??= new UpstreamError(ProviderErrorKind.CircuitOpen, null,
                    $"The upstream deployment '{deployment.Name}' is failing and is paused.", open.RetryAfter);
                continue;
            }
            catch (TimeoutRejectedException) when (!searchAborted.IsCancellationRequested)
            {
                failure = new UpstreamError(ProviderErrorKind.Timeout, null, $"The upstream provider '{deployment.Provider.Name}' did not answer in time.");
                continue;
            }

            if (exchange.Error is not { } error)
            {
                if (exchange.TimeToHeaders is { } ttfb)
                {
                    latency.Record(deployment, ttfb);
                }

                return new RoutedExchange(exchange, deployment, null);
            }

            await exchange.DisposeAsync();
            failure = error;
            if (!FailsOver(error.Kind))
            {
                break;
            }
        }

        return new RoutedExchange(null, state.LastTried, failure ?? new UpstreamError(ProviderErrorKind.Unavailable, null, "No upstream deployment is enabled."));
    }

    /// <summary>One call through the deployment's pipeline; records it, whatever happens.</summary>
    private async ValueTask<UpstreamExchange> AttemptAsync(AttemptState attempt, CancellationToken attemptAborted)
    {
        var started = time.GetTimestamp();
        var name = attempt.Deployment.Name;
        try
        {
            var exchange = await sender.SendAsync(attempt.Search.Request, attempt.Deployment, attemptAborted, attempt.Search.ClientAborted);
            var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
            attempt.Search.Attempts.Add(exchange.Error is { } error
                ? new UpstreamAttempt(name, AttemptOutcomes.Of(error.Kind), error.UpstreamStatus, elapsed) { RetryAfterMs = error.RetryAfter?.TotalMilliseconds }
                : new UpstreamAttempt(name, AttemptOutcomes.Ok, (int?)exchange.Response?.StatusCode, elapsed));
            return exchange;
        }
        catch (OperationCanceledException) when (!attempt.Search.ClientAborted.IsCancellationRequested)
        {
            attempt.Search.Attempts.Add(new UpstreamAttempt(name, AttemptOutcomes.Timeout, null, time.GetElapsedTime(started).TotalMilliseconds));
            throw; // the timeout strategy that cancelled it reports it
        }
    }

    /// <summary>Failures another deployment may not have; a bad or filtered request would only fail (or slip through) elsewhere.</summary>
    private static bool FailsOver(ProviderErrorKind kind) =>
        DeploymentResilience.IsTransient(kind) || kind is ProviderErrorKind.Auth or ProviderErrorKind.Unsupported or ProviderErrorKind.CircuitOpen;

    private sealed class SearchState(UpstreamRouter router, ProviderRequest request, IEnumerable<Deployment> plan, List<UpstreamAttempt> attempts, CancellationToken clientAborted)
    {
        public UpstreamRouter Router { get; } = router;

        public ProviderRequest Request { get; } = request;

        public IEnumerable<Deployment> Plan { get; } = plan;

        public List<UpstreamAttempt> Attempts { get; } = attempts;

        public CancellationToken ClientAborted { get; } = clientAborted;

        public Deployment? LastTried { get; set; }
    }

    private sealed record AttemptState(UpstreamRouter Router, SearchState Search, Deployment Deployment);
}
