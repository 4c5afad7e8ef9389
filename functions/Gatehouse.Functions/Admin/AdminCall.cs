using Gatehouse.Access;

namespace Gatehouse.Admin;

/// <summary>
/// Per-request admin state: who called (set by <see cref="AdminAuthenticationFilter"/>) and what they touched (set by
/// the handler, read by <see cref="AdminAuditFilter"/>).
/// </summary>
internal sealed class AdminCall
{
    public AdminPrincipal? Principal { get; set; }

    public string? Tenant { get; private set; }

    public string? Target { get; private set; }

    public static AdminCall Of(HttpContext http)
    {
        if (http.Features.Get<AdminCall>() is { } call)
        {
            return call;
        }

        call = new AdminCall();
        http.Features.Set(call);
        return call;
    }

    /// <summary>The authenticated caller; the authentication filter guarantees one on every admin endpoint.</summary>
    public static AdminPrincipal PrincipalOf(HttpContext http) =>
        Of(http).Principal ?? throw new InvalidOperationException("Admin endpoint reached without an authenticated principal.");

    public void Touches(string? tenant, string? target)
    {
        Tenant = tenant;
        Target = target;
    }
}
