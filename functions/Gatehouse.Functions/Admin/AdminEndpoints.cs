namespace Gatehouse.Admin;

/// <summary>The admin API under <c>/admin</c>, every route behind the admin key.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminAuthorizationFilter>();
        TenantEndpoints.Map(admin);
        KeyEndpoints.Map(admin);
        return app;
    }
}
