using Gatehouse.Rollups;

namespace Gatehouse.Admin;

/// <summary>
/// <c>GET /admin/tenants/{id}/spend</c>: one row per day, key and model (or per day, key or model with <c>by</c>) and
/// their total, over <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive), both UTC midnights.
/// </summary>
internal sealed record SpendResponse(string Tenant, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SpendRowResponse> Rows, SpendRowResponse Total)
{
    public static SpendResponse Of(SpendSummary summary) => new(
        summary.Tenant, summary.From, summary.To, [.. summary.Rows.Select(r => SpendRowResponse.From(r.Day, r.KeyId, r.Model, r.Counts))],
        SpendRowResponse.From(null, null, null, summary.Total));
}

/// <summary>One line of a spend report; <c>day</c>, <c>key_id</c> and <c>model</c> are null where the line spans them.</summary>
internal sealed record SpendRowResponse(
    string? Day,
    string? KeyId,
    string? Model,
    long Requests,
    long Errors,
    long Blocked,
    long PromptTokens,
    long CompletionTokens,
    decimal CostUsd,
    double? LatencyP50Ms,
    double? LatencyP95Ms)
{
    public static SpendRowResponse From(DateOnly? day, string? keyId, string? model, RollupCounts c) => new(
        day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), keyId, model,
        c.Requests, c.Errors, c.Blocked, c.PromptTokens, c.CompletionTokens, c.CostUsd, c.LatencyP50Ms, c.LatencyP95Ms);
}
