using Gatehouse.Audit;

namespace Gatehouse.Admin;

/// <summary>
/// Emits one audit event per admin action that changes something, and per refused admin call of any kind (failed
/// sign-ins and permission denials are what an incident review looks for). Reads are not audited.
/// </summary>
internal sealed class AdminAuditFilter(AuditPublisher publisher, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var startedAt = time.GetUtcNow();
        var result = await next(context);

        var http = context.HttpContext;
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        if (HttpMethods.IsGet(http.Request.Method) && status < 400)
        {
            return result;
        }

        var call = AdminCall.Of(http);
        publisher.TryPublish(new AuditEvent
        {
            Kind = AuditEventKinds.Admin,
            RequestId = http.TraceIdentifier,
            Time = startedAt,
            Route = $"{http.Request.Method} {http.Request.Path}",
            Action = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
            Actor = call.Principal?.Id,
            Tenant = call.Tenant,
            Target = call.Target,
            Status = status,
            ErrorCode = result is Errors.ErrorResult error ? error.Error.Code : null,
        });
        return result;
    }
}
