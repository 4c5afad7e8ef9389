namespace Gatehouse.Providers;

/// <summary>A classified upstream failure. <see cref="Message"/> is safe to return to the client (no credentials).</summary>
public sealed record UpstreamError(ProviderErrorKind Kind, int? UpstreamStatus, string Message, TimeSpan? RetryAfter = null);
