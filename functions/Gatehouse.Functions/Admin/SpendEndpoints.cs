using System.Globalization;
using Gatehouse.Errors;
using Gatehouse.Rollups;
using Gatehouse.Tenants;

namespace Gatehouse.Admin;

/// <summary>
/// <c>GET /admin/tenants/{id}/spend?days=7&amp;by=day|key|model</c>: the tenant's requests, errors, blocks, tokens,
/// spend and latency percentiles over the last <c>days</c> UTC days (today included), from the usage rollups. Whoever
/// may read the tenant may read this (admin, viewer, the tenant's own tenant-admin).
/// </summary>
internal static class SpendEndpoints
{
    public const int DefaultDays = 7;

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/tenants/{id}/spend", ReadAsync).WithName("tenants.spend").Produces<SpendResponse>();

    private static async Task<IResult> ReadAsync(string id, string? days, string? by, HttpContext http, TenantStore tenants, SpendReport report)
    {
        AdminCall.Of(http).Touches(id, id);
        if (!TenantId.IsValid(id) || !AdminCall.PrincipalOf(http).CanRead(id) || await tenants.GetAsync(id, http.RequestAborted) is null)
        {
            return new ErrorResult(GatewayErrors.NotFound($"Tenant '{id}'"));
        }

        if (ParseDays(days) is not { } dayCount)
        {
            return new ErrorResult(GatewayErrors.InvalidValue("days", $"expected a whole number of days from 1 to {SpendReport.MaxDays}."));
        }

        if (ParseGrouping(by) is not { } grouping)
        {
            return new ErrorResult(GatewayErrors.InvalidValue("by", "expected day, key or model."));
        }

        return AdminJson.Ok(SpendResponse.Of(await report.ReadAsync(id, dayCount, grouping, http.RequestAborted)));
    }

    private static int? ParseDays(string? days) =>
        days is null ? DefaultDays
        : int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= SpendReport.MaxDays ? n
        : null;

    private static SpendGrouping? ParseGrouping(string? by) => by switch
    {
        null => SpendGrouping.Detail,
        "day" => SpendGrouping.Day,
        "key" => SpendGrouping.Key,
        "model" => SpendGrouping.Model,
        _ => null,
    };
}
