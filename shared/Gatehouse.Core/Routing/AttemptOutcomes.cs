using Gatehouse.Providers;

namespace Gatehouse.Routing;

/// <summary>How an <see cref="UpstreamAttempt"/> ended, as the audit trail names it.</summary>
public static class AttemptOutcomes
{
    public const string Ok = "ok";
    public const string RateLimited = "rate_limited";
    public const string Timeout = "timeout";
    public const string ServerError = "server_error";
    public const string Unavailable = "unavailable";
    public const string AuthFailed = "auth_failed";
    public const string BadRequest = "bad_request";
    public const string ContentFiltered = "content_filtered";
    public const string Unsupported = "unsupported";
    public const string CircuitOpen = "circuit_open";

    /// <summary>The served attempt's stream broke after the client had started receiving it.</summary>
    public const string StreamBroken = "stream_broken";

    public static string Of(ProviderErrorKind kind) => kind switch
    {
        ProviderErrorKind.RateLimited => RateLimited,
        ProviderErrorKind.Timeout => Timeout,
        ProviderErrorKind.Server => ServerError,
        ProviderErrorKind.Unavailable => Unavailable,
        ProviderErrorKind.Auth => AuthFailed,
        ProviderErrorKind.ContentFiltered => ContentFiltered,
        ProviderErrorKind.Unsupported => Unsupported,
        ProviderErrorKind.CircuitOpen => CircuitOpen,
        _ => BadRequest,
    };
}
