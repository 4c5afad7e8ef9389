namespace Gatehouse.Proxy;

/// <summary>Response headers the gateway adds.</summary>
public static class GatewayHeaders
{
    public const string RequestId = "x-request-id";
    /// <summary>The deployment that served the request (<c>provider/model</c>), or on failure the last one tried.</summary>
    public const string Deployment = "x-gatehouse-deployment";

    /// <summary>How many calls to providers the request took (retries and failovers included; skipped deployments not).</summary>
    public const string Attempts = "x-gatehouse-attempts";

    /// <summary>The request's cost in USD; a header on JSON answers, a trailer on streams where the protocol has trailers.</summary>
    public const string CostUsd = "x-gatehouse-cost-usd";

    /// <summary>
    /// When a guardrail policy ran: <c>detector:TYPE=action</c> per finding type acted on (e.g.
    /// <c>deny-list:DENY_TERM=fallback</c>), or <c>none</c>. Names and actions only, never the text that matched.
    /// </summary>
    public const string Guardrails = "x-gatehouse-guardrails";

    /// <summary>
    /// On JSON answers whose policy has output rules: what they did to the answer, in the form of
    /// <see cref="Guardrails"/>. Streams send their headers before the answer exists, so theirs is in the audit record only.
    /// </summary>
    public const string GuardrailsOutput = "x-gatehouse-guardrails-output";
}
