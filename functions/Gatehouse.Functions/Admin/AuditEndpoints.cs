using System.Globalization;
using Gatehouse.Audit;
using Gatehouse.Errors;
using Gatehouse.Storage.Entities;
using Gatehouse.Tenants;

namespace Gatehouse.Admin;

/// <summary>
/// <c>GET /admin/audit/verify?tenant=acme&amp;day=2026-11-22</c>: re-checks that tenant-day's hash chain in the
/// <c>AuditLog</c> table. Whoever may read the tenant may verify it; <c>_anonymous</c> (events without a tenant, admin
/// actions among them) and <c>_invalid</c> (refused calls that named an impossible tenant) need a role over every
/// tenant. A tampered chain is still a 200 with <c>ok: false</c>.
/// </summary>
internal static class AuditEndpoints
{
    /// <summary>The partitions of events that carry no tenant, or one that is not a key; a tenant id never starts with '_'.</summary>
    private const string Anonymous = AuditLogEntity.AnonymousTenant;

    private const string Invalid = AuditLogEntity.InvalidTenant;

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/audit/verify", VerifyAsync).WithName("audit.verify").Produces<AuditVerifyResponse>();

    private static async Task<IResult> VerifyAsync(string? tenant, string? day, HttpContext http, AuditChainVerifier verifier)
    {
        AdminCall.Of(http).Touches(tenant, null);
        var principal = AdminCall.PrincipalOf(http);
        var parsedDay = default(DateOnly);
        var invalid = (string.IsNullOrEmpty(tenant) ? GatewayErrors.MissingParameter("tenant") : null)
            ?? (string.IsNullOrEmpty(day) ? GatewayErrors.MissingParameter("day") : null)
            ?? (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out parsedDay)
                ? null
                : GatewayErrors.InvalidValue("day", "a day is YYYY-MM-DD (UTC)."))
            ?? ((TenantId.IsValid(tenant!) || tenant is Anonymous or Invalid) && principal.CanRead(tenant!) ? null : GatewayErrors.NotFound($"Tenant '{tenant}'"));
        if (invalid is not null)
        {
            return new ErrorResult(invalid);
        }

        var report = await verifier.VerifyAsync(tenant == Anonymous ? null : tenant, parsedDay, http.RequestAborted);
        return AdminJson.Ok(new AuditVerifyResponse(tenant!, day!, report.Records, report.HeadSeq, report.HeadHash, report.Ok, report.Problems));
    }
}

/// <summary>What <c>GET /admin/audit/verify</c> returns; <c>problems</c> is empty when <c>ok</c>.</summary>
internal sealed record AuditVerifyResponse(
    string Tenant, string Day, long Records, long HeadSeq, string? HeadHash, bool Ok, IReadOnlyList<AuditChainProblem> Problems);
