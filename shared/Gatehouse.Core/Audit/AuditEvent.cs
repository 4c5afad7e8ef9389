namespace Gatehouse.Audit;

/// <summary>
/// One record per proxied request, produced by the pipeline (never by detectors or loggers) and written by the
/// audit writer. Carries ids and figures only: no prompt, completion or secret.
/// </summary>
public sealed record AuditEvent
{
    public required string RequestId { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>e.g. <c>POST /v1/chat/completions</c>.</summary>
    public required string Route { get; init; }

    public string? Tenant { get; init; }

    public string? KeyId { get; init; }

    public string? Model { get; init; }

    public string? Deployment { get; init; }

    public bool Stream { get; init; }

    public int Status { get; init; }

    public string? ErrorCode { get; init; }

    public double LatencyMs { get; init; }

    public double? TimeToFirstTokenMs { get; init; }

    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }
}
