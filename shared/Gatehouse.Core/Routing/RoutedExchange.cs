using Gatehouse.Providers;

namespace Gatehouse.Routing;

/// <summary>
/// What routing found: the exchange whose answer started (the caller relays and disposes it), or the failure to report.
/// <see cref="Deployment"/> is the one that served, or the last one tried.
/// </summary>
public sealed record RoutedExchange(UpstreamExchange? Exchange, Deployment? Deployment, UpstreamError? Error);
