using Gatehouse.Providers;

using Gatehouse.Budgets;

namespace Gatehouse.Errors;

/// <summary>Every error the gateway returns, by stable code. Messages never carry secrets or upstream credentials.</summary>
public static class GatewayErrors
{
    public static GatewayError InvalidApiKey() => new(401, ErrorTypes.InvalidRequest, "invalid_api_key",
        "Missing or invalid API key. Send a Gatehouse key as 'Authorization: Bearer gh_...' or in the 'api-key' header.");

    public static GatewayError KeyPendingApproval() => new(401, ErrorTypes.InvalidRequest, "invalid_api_key",
        "This key is awaiting approval by an admin of its tenant.");

    public static GatewayError InvalidAdminCredentials() => new(401, ErrorTypes.InvalidRequest, "invalid_api_key",
        "Missing or invalid admin credentials. Send an admin key or an Entra ID access token as 'Authorization: Bearer ...'.");

    public static GatewayError AppKeyOnAdminApi() => new(403, ErrorTypes.Permission, "permission_denied",
        "App keys cannot call the admin API; use an admin key or an Entra ID access token.");

    public static GatewayError NoAdminRole() => new(403, ErrorTypes.Permission, "permission_denied",
        "The token is valid but carries no Gatehouse role.");

    public static GatewayError PermissionDenied(string what) => new(403, ErrorTypes.Permission, "permission_denied",
        $"Your role does not allow this: {what}.");

    public static GatewayError InvalidJson(string detail) => new(400, ErrorTypes.InvalidRequest, "invalid_json",
        $"The request body is not valid JSON: {detail}");

    public static GatewayError MissingParameter(string param) => new(400, ErrorTypes.InvalidRequest, "missing_required_parameter",
        $"Missing required parameter: '{param}'.", param);

    public static GatewayError InvalidType(string param, string expected) => new(400, ErrorTypes.InvalidRequest, "invalid_type",
        $"Invalid type for '{param}': expected {expected}.", param);

    public static GatewayError InvalidValue(string param, string reason) => new(400, ErrorTypes.InvalidRequest, "invalid_value",
        $"Invalid value for '{param}': {reason}", param);

    public static GatewayError RequestTooLarge(long limit) => new(413, ErrorTypes.InvalidRequest, "request_too_large",
        $"The request body exceeds the limit of {limit} bytes.");

    public static GatewayError ModelNotFound(string alias) => new(404, ErrorTypes.InvalidRequest, "model_not_found",
        $"The model '{alias}' does not exist or is not served by this gateway.", "model");

    public static GatewayError ModelNotAllowed(string alias) => new(403, ErrorTypes.Permission, "model_not_allowed",
        $"This key is not allowed to use the model '{alias}'.", "model");

    public static GatewayError OperationNotSupported(string alias, string operation) => new(400, ErrorTypes.InvalidRequest, "model_not_supported",
        $"The model '{alias}' does not serve {operation}.", "model");

    public static GatewayError RateLimitExceeded(string scope, string limit, long value, TimeSpan retryAfter) =>
        new(429, ErrorTypes.RateLimit, "rate_limit_exceeded",
            $"Rate limit reached for this {scope} ({limit}: {value} per {(limit == "rpd" ? "day" : "minute")}). Try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))}s.",
            RetryAfter: retryAfter);

    public static GatewayError ConcurrencyLimitExceeded(string scope, long limit) =>
        new(429, ErrorTypes.RateLimit, "rate_limit_exceeded",
            $"Too many requests in flight for this {scope} (concurrency: {limit}). Try again when one has finished.",
            RetryAfter: TimeSpan.FromSeconds(1));

    /// <summary>A request whose tokens exceed a whole window: waiting cannot help, so no Retry-After (as OpenAI does).</summary>
    public static GatewayError TokensExceedLimit(string scope, long limit, long requested) =>
        new(429, ErrorTypes.RateLimit, "rate_limit_exceeded",
            $"Request too large for this {scope}'s tokens per minute (tpm): Limit {limit}, Requested {requested}. Shorten the prompt or lower max_tokens.");

    /// <summary>
    /// A budget cannot cover the request's worst-case cost. No Retry-After: the budget comes back only when its period
    /// resets, which the message names.
    /// </summary>
    public static GatewayError BudgetExceeded(string scope, Budget budget, DateTimeOffset resetsAt) =>
        new(429, ErrorTypes.RateLimit, "budget_exceeded",
            $"This {scope}'s budget of {budget} is spent, or too little is left for this request's worst-case cost. It resets at {resetsAt:yyyy-MM-dd'T'HH:mm:ss'Z'}.");

    /// <summary>Sent as the last event of a stream cut off because its running cost would pass a budget.</summary>
    public static GatewayError BudgetExhaustedMidStream(string scope, Budget budget) =>
        new(429, ErrorTypes.RateLimit, "budget_exceeded",
            $"The stream was stopped because this {scope}'s budget of {budget} is spent.");

    /// <summary>Fail closed: a budget applies but the model has no price, so its spend could not be counted.</summary>
    public static GatewayError ModelNotPriced(string alias) => new(500, ErrorTypes.Server, "model_not_priced",
        $"The model '{alias}' has no price in the gateway's price book, and a budget applies to this request. An operator must add it under Gatehouse:Pricing:Models.");

    /// <summary>A guardrail policy blocked the request. Names the finding types, never the text that matched.</summary>
    public static GatewayError GuardrailBlocked(IEnumerable<string> types) => new(400, ErrorTypes.InvalidRequest, "guardrail_blocked",
        $"The request was blocked by the gateway's guardrails ({string.Join(", ", types)}).");

    /// <summary>
    /// A guardrail policy blocked the model's answer (the whole JSON answer, or the rest of a stream). The provider was
    /// called and the request is billed. Names the finding types, never the text.
    /// </summary>
    public static GatewayError GuardrailBlockedAnswer(IEnumerable<string> types) => new(400, ErrorTypes.InvalidRequest, "guardrail_blocked",
        $"The model's answer was blocked by the gateway's guardrails ({string.Join(", ", types)}); the request was processed and is billed.");

    public static GatewayError NotFound(string what) => new(404, ErrorTypes.NotFound, "not_found", $"{what} was not found.");

    public static GatewayError Conflict(string code, string message) => new(409, ErrorTypes.InvalidRequest, code, message);

    public static GatewayError RouteNotFound(string method, string path) => new(404, ErrorTypes.InvalidRequest, "unknown_url",
        $"Unrecognized request URL ({method}: {path}).");

    public static GatewayError MethodNotAllowed(string method, string path) => new(405, ErrorTypes.InvalidRequest, "method_not_allowed",
        $"The method {method} is not allowed for {path}.");

    public static GatewayError ServiceUnavailable(string what) => new(503, ErrorTypes.Server, "service_unavailable",
        $"{what} is temporarily unavailable; try again shortly.", RetryAfter: TimeSpan.FromSeconds(5));

    public static GatewayError Internal() => new(500, ErrorTypes.Server, "internal_error",
        "The gateway failed to process the request. Quote the x-request-id header when reporting this.");

    /// <summary>Maps a classified upstream failure to what the client sees (its message never holds credentials).</summary>
    public static GatewayError Upstream(UpstreamError error) => error.Kind switch
    {
        ProviderErrorKind.BadRequest => new(error.UpstreamStatus is >= 400 and < 500 ? error.UpstreamStatus.Value : 400,
            ErrorTypes.InvalidRequest, "upstream_bad_request", $"The provider rejected the request: {error.Message}"),
        ProviderErrorKind.RateLimited => new(429, ErrorTypes.RateLimit, "upstream_rate_limited",
            $"The provider is rate limiting this gateway: {error.Message}", RetryAfter: error.RetryAfter),
        ProviderErrorKind.Auth => new(502, ErrorTypes.Server, "upstream_auth_failed",
            "The provider rejected the gateway's credentials; an operator must fix the provider key."),
        ProviderErrorKind.Timeout => new(504, ErrorTypes.Server, "upstream_timeout", error.Message),
        ProviderErrorKind.Unavailable => new(502, ErrorTypes.Server, "upstream_unavailable", error.Message),
        ProviderErrorKind.ContentFiltered => new(400, ErrorTypes.InvalidRequest, "upstream_content_filtered",
            $"The provider's content filter rejected the request: {error.Message}"),
        ProviderErrorKind.Unsupported => new(400, ErrorTypes.InvalidRequest, "unsupported_by_provider",
            $"No deployment of this model can take the request: {error.Message}"),
        ProviderErrorKind.CircuitOpen => new(503, ErrorTypes.Server, "upstream_unavailable", error.Message, RetryAfter: error.RetryAfter),
        _ => new(502, ErrorTypes.Server, "upstream_error", $"The provider failed: {error.Message}"),
    };
}
