using System.Diagnostics;
using System.Text.Json.Nodes;
using Gatehouse.Budgets;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Redaction;
using Gatehouse.Keys;
using Gatehouse.Limits;
using Gatehouse.Messaging;
using Gatehouse.Providers;
using Gatehouse.Routing;
using Gatehouse.Tenants;
using Gatehouse.Tokens;

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

    /// <summary>The key's tenant as the rate-limit stage read it (null when it has no row), for the stages after it.</summary>
    public Tenant? Tenant { get; set; }

    /// <summary>The end user's counter partition (<see cref="ScopeIds.EndUser"/>), shared by limits and budgets.</summary>
    public string? EndUserScopeId { get; set; }

    public JsonObject? Body { get; set; }

    /// <summary>The prompt and answer kept for the audit record's encrypted body; null when bodies are off.</summary>
    public AuditBodyCapture? BodyCapture { get; set; }

    public string? ModelAlias { get; set; }

    public bool Stream { get; set; }

    public ModelRoute? Route { get; set; }

    /// <summary>
    /// The deployment that served the request, or the last one tried. Until forwarding, the route's first choice, which
    /// the stages before count prompt tokens for.
    /// </summary>
    public Deployment? Deployment { get; set; }

    /// <summary>The deployments to try, in order, as the route's strategies arranged them for this request.</summary>
    public IReadOnlyList<Deployment>? Plan { get; set; }

    /// <summary>The guardrail policy that inspected the prompt; its output rules inspect the answer.</summary>
    public GuardrailPolicy? GuardrailPolicy { get; set; }

    /// <summary>What the input guardrails found and decided, when a policy applies to the alias (with mask and redact counts).</summary>
    public GuardrailVerdict? Guardrails { get; set; }

    /// <summary>The values masked in the prompt, to restore in the answer; null when none were.</summary>
    public RedactionVault? Vault { get; set; }

    /// <summary>What the output guardrails found and did over the whole answer, when they ran.</summary>
    public IReadOnlyList<GuardrailOutcome>? OutputGuardrails { get; set; }

    /// <summary>Set when a guardrail re-routed the request to another alias; <see cref="Route"/> is then that alias's.</summary>
    public GuardrailFallback? Fallback { get; set; }

    /// <summary>Every try of every deployment, in order, for the audit trail.</summary>
    public List<UpstreamAttempt> Attempts { get; } = [];

    /// <summary>What the rate limits admitted this request with, settled to real token usage when it ends.</summary>
    public LimitOutcome? Limits { get; set; }

    /// <summary>The in-flight slots this request holds until it ends.</summary>
    public ConcurrencyAdmission? Concurrency { get; set; }

    /// <summary>The price of the deployment's model, when the price book has one.</summary>
    public ModelPrice? Price { get; set; }

    /// <summary>The prompt's tokens as counted for the deployment's model, once someone needed them.</summary>
    public int? PromptTokens { get; set; }

    /// <summary>What the budgets reserved for this request, settled to its real cost when it ends.</summary>
    public BudgetReservation? Budget { get; set; }

    /// <summary>The provider's usage, or when it reported none, the gateway's own count (<see cref="UsageCounted"/>).</summary>
    public TokenUsage? Usage { get; set; }

    /// <summary>True when <see cref="Usage"/> is the gateway's count of the prompt and the text it relayed.</summary>
    public bool UsageCounted { get; set; }

    /// <summary>Completion tokens the gateway counted from the answer it relayed, for when the provider reports no usage.</summary>
    public int? CountedCompletionTokens { get; set; }

    /// <summary>The request's cost from <see cref="Usage"/> at <see cref="Price"/>; null when either is unknown.</summary>
    public decimal? CostUsd { get; set; }

    /// <summary>Why the gateway cut a stream short (an error code, e.g. <c>budget_exceeded</c>), if it did.</summary>
    public string? StreamCut { get; set; }

    public TimeSpan? TimeToFirstToken { get; set; }

    /// <summary>The error code the client got, if any (also for errors sent inside a stream).</summary>
    public string? ErrorCode { get; set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>
    /// Refused (before or by the provider) with no token relayed: nothing can have been produced, so whatever was
    /// charged up front goes back. A client that went away may still have been billed, so it does not count.
    /// </summary>
    public bool NothingProduced => ErrorCode is not null and not ErrorCodes.ClientClosedRequest && TimeToFirstToken is null;

    /// <summary>The status the records show: the response's, or 499 when the client went away first.</summary>
    public int RecordedStatus => ErrorCode == ErrorCodes.ClientClosedRequest ? ClientClosedStatus : Http.Response.StatusCode;

    /// <summary>Where the records name the usage from: <c>provider</c> or <c>counted</c>; null when there is none.</summary>
    public string? UsageSource => Usage is null ? null : UsageCounted ? UsageSources.Counted : UsageSources.Provider;

    private const int ClientClosedStatus = 499;

    public void MarkFirstToken() => TimeToFirstToken ??= Elapsed;
}
