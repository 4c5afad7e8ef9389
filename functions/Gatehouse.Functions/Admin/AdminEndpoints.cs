using Microsoft.AspNetCore.Http.Metadata;

namespace Gatehouse.Admin;

/// <summary>
/// The admin API under <c>/admin</c>. Every route is audited (changes and refusals) and needs an admin principal;
/// each handler then checks what the principal's roles allow on the tenant it touches.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin")
            .AddEndpointFilter<AdminAuditFilter>()
            .AddEndpointFilter<AdminAuthenticationFilter>();
        foreach (var status in (ReadOnlySpan<int>)[400, 401, 403, 404, 409, 413, 503])
        {
            admin.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ErrorEnvelope), ["application/json"]));
        }

        TenantEndpoints.Map(admin);
        KeyEndpoints.Map(admin);
        BudgetEndpoints.Map(admin);
        SpendEndpoints.Map(admin);
        AdminKeyEndpoints.Map(admin);
        KeyRequestEndpoints.Map(admin);
        GuardrailRuleEndpoints.Map(admin);
        GuardrailPolicyEndpoints.Map(admin);
        AuditBodyEndpoints.Map(admin);
        QueueEndpoints.Map(admin);
        AlertEndpoints.Map(admin);
        AuditEndpoints.Map(admin);

        // Describes the routes above from their own metadata, so it cannot drift from them. Behind the same
        // credentials as the API it describes (any role).
        admin.MapOpenApi("/openapi.json").WithName("openapi").ExcludeFromDescription();
        return app;
    }
}
