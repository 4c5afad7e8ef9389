using Gatehouse.Alerts;
using Gatehouse.Errors;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Admin;

/// <summary>
/// <c>GET /admin/alerts?days=N</c>: the alert records of the last N days (1-31, default 1), newest first, with each
/// webhook's delivery state. Unscoped readers see every alert; a reader scoped to a tenant sees that tenant's alerts
/// only (queue alerts have no tenant, so they are for unscoped readers).
/// </summary>
internal static class AlertEndpoints
{
    private const int MaxDays = 31;

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/alerts", ListAsync).WithName("alerts.list").Produces<ListResponse<AlertResponse>>();

    private static async Task<IResult> ListAsync(HttpContext http, AlertStore alerts, TimeProvider time, string? days = null)
    {
        var readable = AdminCall.PrincipalOf(http).ReadableTenants;
        if (readable is { Count: 0 })
        {
            return new ErrorResult(GatewayErrors.PermissionDenied("read alerts"));
        }

        var span = 1;
        if (days is not null && (!int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out span) || span is < 1 or > MaxDays))
        {
            return new ErrorResult(GatewayErrors.InvalidValue("days", $"a whole number of days from 1 to {MaxDays}."));
        }

        var rows = await alerts.ListAsync(time.GetUtcNow().AddDays(-span), http.RequestAborted);
        return AdminJson.List(rows.Where(r => readable is null || (r.Tenant is { } t && readable.Contains(t))).Select(AlertResponse.From));
    }
}

internal sealed record AlertResponse(
    string Id,
    string Kind,
    DateTimeOffset Time,
    string Scope,
    string ScopeId,
    string? Tenant,
    string? KeyId,
    int? ThresholdPercent,
    decimal? BudgetUsd,
    decimal? SpentUsd,
    string? Period,
    DateTimeOffset? PeriodStart,
    int? Count,
    string? MessageId,
    string Message,
    DateTimeOffset RecordedAt,
    IReadOnlyDictionary<string, AlertDeliveryState> Deliveries)
{
    public static AlertResponse From(AlertEntity r) => new(
        r.Id, r.Kind, r.Time, r.Scope, r.ScopeId, r.Tenant, r.KeyId, r.ThresholdPercent == 0 ? null : r.ThresholdPercent,
        Usd(r.BudgetUsd), Usd(r.SpentUsd), r.Period, r.PeriodStart, r.Count == 0 ? null : r.Count, r.MessageId, r.Message, r.RecordedAt,
        AlertDeliveryState.Parse(r.Deliveries));

    private static decimal? Usd(string? text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var usd) ? usd : null;
}
