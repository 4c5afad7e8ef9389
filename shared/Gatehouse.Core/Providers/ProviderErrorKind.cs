namespace Gatehouse.Providers;

/// <summary>What went wrong upstream, as far as routing and the client need to know. A closed set.</summary>
public enum ProviderErrorKind
{
    /// <summary>The provider rejected the request itself (400, 404, 413, 422...): the client's to fix.</summary>
    BadRequest,

    /// <summary>The provider rejected the gateway's credentials (401/403): an operator's to fix.</summary>
    Auth,

    RateLimited,

    Timeout,

    /// <summary>5xx from the provider.</summary>
    Server,

    /// <summary>No connection could be made, or it broke before an answer.</summary>
    Unavailable,

    ContentFiltered,

    /// <summary>The deployment's wire format cannot express the request (nothing was sent).</summary>
    Unsupported,

    /// <summary>The deployment's circuit breaker is open: it failed too often lately, so nothing was sent.</summary>
    CircuitOpen,
}
