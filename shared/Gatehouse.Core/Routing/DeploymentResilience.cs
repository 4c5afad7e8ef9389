using System.Collections.Concurrent;
using Gatehouse.Configuration;
using Gatehouse.Providers;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Gatehouse.Routing;

/// <summary>
/// One Polly pipeline per deployment, built on first use and kept, so each deployment has its own circuit breaker.
/// From the outside in: retries (jittered exponential backoff, or the provider's <c>Retry-After</c> when it gave one
/// no longer than <see cref="RetryOptions.MaxRetryAfter"/>), the breaker (opens on a failure ratio, half-opens for one
/// probe), and the per-attempt timeout (the provider's <see cref="ProviderOptions.ResponseHeadersTimeout"/>). Retried
/// are 408, 429, 5xx, timeouts and broken connections; never a request the provider rejected as such.
/// </summary>
public sealed class DeploymentResilience(IOptions<GatehouseOptions> options, TimeProvider time)
{
    private readonly RoutingOptions _options = options.Value.Routing;
    private readonly ConcurrentDictionary<Deployment, ResiliencePipeline<UpstreamExchange>> _pipelines = new();

    public ResiliencePipeline<UpstreamExchange> For(Deployment deployment) => _pipelines.GetOrAdd(deployment, Build);

    /// <summary>Failures that say the deployment, not the request, is in trouble: these are retried and count against its breaker.</summary>
    public static bool IsTransient(ProviderErrorKind kind) =>
        kind is ProviderErrorKind.RateLimited or ProviderErrorKind.Timeout or ProviderErrorKind.Server or ProviderErrorKind.Unavailable;

    private ResiliencePipeline<UpstreamExchange> Build(Deployment deployment)
    {
        var retry = _options.Retry;
        var breaker = _options.CircuitBreaker;
        var builder = new ResiliencePipelineBuilder<UpstreamExchange> { Name = deployment.Name, TimeProvider = time };
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<UpstreamExchange>
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, retry.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Error?.RetryAfter),
                OnRetry = args => args.Outcome.Result?.DisposeAsync() ?? ValueTask.CompletedTask, // its timers, at once
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<UpstreamExchange>
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
            })
            .AddTimeout(deployment.Provider.ResponseHeadersTimeout)
            .Build();
    }

    private static bool IsFailure(Outcome<UpstreamExchange> outcome) =>
        outcome.Exception is TimeoutRejectedException || (outcome.Result?.Error is { } error && IsTransient(error.Kind));

    /// <summary>A wait asked for beyond the limit is not sat out here: failing over is faster.</summary>
    private static bool ShouldRetry(Outcome<UpstreamExchange> outcome, TimeSpan maxRetryAfter) =>
        IsFailure(outcome) && !(outcome.Result?.Error?.RetryAfter > maxRetryAfter);
}
