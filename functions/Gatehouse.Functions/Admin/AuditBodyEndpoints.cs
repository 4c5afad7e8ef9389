using System.Globalization;
using System.Text.Json.Nodes;
using Gatehouse.Audit;
using Gatehouse.Audit.Bodies;
using Gatehouse.Errors;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;
using Gatehouse.Tenants;

namespace Gatehouse.Admin;

/// <summary>
/// <c>GET /admin/audit/{tenant}/{day}/{requestId}/body</c>: a request's stored prompt and response, decrypted. Admins
/// only (a body can hold any tenant's data, and tenant admins could read their users' prompts). Each successful read
/// is itself audited (<c>audit.body.read</c>, who and which request), since reads are otherwise not.
/// </summary>
internal static partial class AuditBodyEndpoints
{
    public const string ReadAction = "audit.body.read";

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/audit/{tenant}/{day}/{requestId}/body", ReadAsync).WithName(ReadAction).Produces<AuditBodyResponse>();

    private static async Task<IResult> ReadAsync(
        string tenant, string day, string requestId, HttpContext http, AuditBodyRowReader rows, AuditBodyCipher cipher,
        AuditPublisher audit, TimeProvider time, ILoggerFactory loggers)
    {
        AdminCall.Of(http).Touches(tenant, requestId);
        if (!AdminCall.PrincipalOf(http).IsAdmin)
        {
            return new ErrorResult(GatewayErrors.PermissionDenied("read stored audit bodies (admins only)"));
        }

        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new ErrorResult(GatewayErrors.InvalidValue("day", "must be a date as yyyy-MM-dd (UTC)."));
        }

        if ((!TenantId.IsValid(tenant) && tenant != AuditLogEntity.AnonymousTenant) || requestId.Length is 0 or > 128)
        {
            return new ErrorResult(GatewayErrors.NotFound($"Audit record '{requestId}'"));
        }

        StoredAuditBody? stored;
        try
        {
            stored = await rows.ReadAsync(tenant == AuditLogEntity.AnonymousTenant ? null : tenant, new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero), requestId, http.RequestAborted);
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e))
        {
            return new ErrorResult(GatewayErrors.ServiceUnavailable("Audit storage"));
        }
        catch (AuditBodyException e)
        {
            return Unreadable(e.Message);
        }

        if (stored is null)
        {
            return new ErrorResult(GatewayErrors.NotFound($"Audit record '{requestId}'"));
        }

        if (stored.Body is not { } body)
        {
            return new ErrorResult(GatewayErrors.NotFound($"A stored body for audit record '{requestId}' (bodies were off, or it could not be kept)"));
        }

        JsonNode? document;
        try
        {
            document = JsonNode.Parse(cipher.Decrypt(body, requestId));
        }
        catch (AuditBodyException e)
        {
            LogUnreadable(loggers.CreateLogger(typeof(AuditBodyEndpoints)), requestId, body.KeyId);
            return Unreadable(e.Message);
        }

        audit.TryPublish(new AuditEvent
        {
            Kind = AuditEventKinds.Admin,
            RequestId = http.TraceIdentifier,
            Time = time.GetUtcNow(),
            Route = $"{http.Request.Method} {http.Request.Path}",
            Action = ReadAction,
            Actor = AdminCall.PrincipalOf(http).Id,
            Tenant = tenant,
            Target = requestId,
            Status = StatusCodes.Status200OK,
        });
        return AdminJson.Ok(new AuditBodyResponse(
            requestId, body.Mode, body.KeyId, document?["prompt"]?.DeepClone(), document?["response"]?.DeepClone(), document?["truncated"]?.GetValue<bool>() ?? false));
    }

    private static ErrorResult Unreadable(string reason) =>
        new(new GatewayError(StatusCodes.Status409Conflict, ErrorTypes.InvalidRequest, "audit_body_unreadable", reason));

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Stored body of request {RequestId} (key {KeyId}) could not be decrypted")]
    private static partial void LogUnreadable(ILogger logger, string requestId, string keyId);
}
