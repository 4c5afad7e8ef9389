namespace Gatehouse.Audit;

/// <summary>
/// One record per proxied request (produced by the pipeline, never by detectors or loggers) and per admin action,
/// written by the audit writer. Carries ids and figures; prompt and response only encrypted in <see cref="Body"/>,
/// and only when the body policy asks for them.
/// </summary>
public sealed record AuditEvent
{
    /// <summary><see cref="AuditEventKinds.Request"/> or <see cref="AuditEventKinds.Admin"/>.</summary>
    public string Kind { get; init; } = AuditEventKinds.Request;

    public required string RequestId { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>e.g. <c>POST /v1/chat/completions</c>.</summary>
    public required string Route { get; init; }

    public string? Tenant { get; init; }

    public string? KeyId { get; init; }

    /// <summary>The app's end user (OpenAI <c>user</c> field or <c>x-gatehouse-user</c>), as the app named them.</summary>
    public string? EndUser { get; init; }

    /// <summary>Admin events: who acted (<c>bootstrap</c>, an admin key id or <c>entra:{object id}</c>).</summary>
    public string? Actor { get; init; }

    /// <summary>Admin events: what was done, e.g. <c>keys.rotate</c>.</summary>
    public string? Action { get; init; }

    /// <summary>Admin events: the id acted on (key, key request or tenant).</summary>
    public string? Target { get; init; }

    public string? Model { get; init; }

    public string? Deployment { get; init; }

    public bool Stream { get; init; }

    public int Status { get; init; }

    public string? ErrorCode { get; init; }

    public double LatencyMs { get; init; }

    public double? TimeToFirstTokenMs { get; init; }

    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }

    /// <summary>Prompt tokens the provider served from its cache (priced at the cached-input rate).</summary>
    public int? CachedPromptTokens { get; init; }

    /// <summary><c>provider</c> when the tokens are the provider's usage, <c>counted</c> when the gateway counted them.</summary>
    public string? UsageSource { get; init; }

    /// <summary>The request's cost in USD at the price book's price; null when the model has no price or nothing was used.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Set when the gateway cut the stream short, to the reason's error code (e.g. <c>budget_exceeded</c>).</summary>
    public string? StreamCut { get; init; }

    /// <summary>Every try of every deployment, in order: retries, failovers and skipped (breaker-open) deployments.</summary>
    public IReadOnlyList<Routing.UpstreamAttempt>? Attempts { get; init; }

    /// <summary>
    /// What each guardrail detector reported and the action taken, when a policy ran: the prompt's lines
    /// (<c>direction</c> <c>input</c>), then the answer's (<c>output</c>, summed over a stream's chunks), with how many
    /// values were masked or redacted per type (<c>count</c>). Names and counts only, never text.
    /// </summary>
    public IReadOnlyList<Guardrails.GuardrailOutcome>? Guardrails { get; init; }

    /// <summary>The alias the client asked for, when a guardrail re-routed the request (<see cref="FallbackTo"/>).</summary>
    public string? FallbackFrom { get; init; }

    /// <summary>The alias a guardrail's fallback rule served the request with instead.</summary>
    public string? FallbackTo { get; init; }

    /// <summary>The finding types that caused the fallback, comma-separated (e.g. <c>DENY_TERM</c>).</summary>
    public string? FallbackReason { get; init; }

    /// <summary>The encrypted prompt and response, when the body policy stores them (null when it is <c>off</c>).</summary>
    public AuditBody? Body { get; init; }
}
