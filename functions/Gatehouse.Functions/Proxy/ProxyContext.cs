using System.Diagnostics;
using System.Text.Json.Nodes;
using Gatehouse.Keys;
using Gatehouse.Limits;
using Gatehouse.Providers;
using Gatehouse.Routing;

namespace Gatehouse.Proxy;

/// <summary>
/// Per-request state that the stages fill in, in order: who called (key), what they asked (body, alias), where it
/// went (route, deployment), what came back (status, usage, timings). The audit record is built from it.
/// </summary>
public sealed class ProxyContext(HttpContext http, ProviderOperation operation, DateTimeOffset startedAt)
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    public HttpContext Http { get; } = http;

    public string RequestId => Http.TraceIdentifier;

    public ProviderOperation Operation { get; } = operation;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public CancellationToken Aborted => Http.RequestAborted;

    public VirtualKey? Key { get; set; }

    /// <summary>The app's end user, if it named one (<see cref="Proxy.EndUser"/>).</summary>
    public string? EndUser { get; set; }

    public JsonObject? Body { get; set; }

    public string? ModelAlias { get; set; }

    public bool Stream { get; set; }

    public ModelRoute? Route { get; set; }

    public Deployment? Deployment { get; set; }

    /// <summary>What the rate limits admitted this request with, settled to real token usage when it ends.</summary>
    public LimitOutcome? Limits { get; set; }

    /// <summary>The in-flight slots this request holds until it ends.</summary>
    public ConcurrencyAdmission? Concurrency { get; set; }

    public TokenUsage? Usage { get; set; }

    public TimeSpan? TimeToFirstToken { get; set; }

    /// <summary>The error code the client got, if any (also for errors sent inside a stream).</summary>
    public string? ErrorCode { get; set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    public void MarkFirstToken() => TimeToFirstToken ??= Elapsed;
}
