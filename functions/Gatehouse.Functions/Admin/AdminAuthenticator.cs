using Gatehouse.Access.Entra;
using Gatehouse.Access;
using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Http;
using Gatehouse.Keys;
using Gatehouse.Storage;
using Microsoft.Extensions.Options;

namespace Gatehouse.Admin;

/// <summary>
/// Turns admin credentials into an <see cref="AdminPrincipal"/>: the bootstrap key from <c>GATEHOUSE_ADMIN_KEY</c>
/// (compared in constant time), a stored admin key (hashed and cached like app keys, so revocation reaches every
/// instance within the same bound), or an Entra ID token when configured. Anything else fails closed.
/// </summary>
internal sealed partial class AdminAuthenticator(
    IConfiguration configuration,
    IOptions<GatehouseOptions> options,
    KeyHasher hasher,
    KeyResolver keys,
    EntraTokenValidator entra,
    TimeProvider time,
    ILogger<AdminAuthenticator> logger)
{
    public const string BootstrapId = "bootstrap";

    public async Task<(AdminPrincipal? Principal, GatewayError? Error)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var presented = ApiKeyHeader.Read(request);
        if (presented is null)
        {
            return (null, GatewayErrors.InvalidAdminCredentials());
        }

        var bootstrap = configuration[GatehouseOptionsValidator.AdminKeySetting];
        if (!string.IsNullOrEmpty(bootstrap) && hasher.Matches(presented, bootstrap))
        {
            return (new AdminPrincipal(BootstrapId, [new RoleGrant(AdminRole.Admin, null)]), null);
        }

        if (KeySecret.HasValidShape(presented))
        {
            return await FromKeyAsync(presented, cancellationToken);
        }

        if (options.Value.Admin.Entra.IsEnabled && EntraTokenValidator.LooksLikeJwt(presented))
        {
            return await FromEntraTokenAsync(presented, cancellationToken);
        }

        return (null, GatewayErrors.InvalidAdminCredentials());
    }

    private async Task<(AdminPrincipal?, GatewayError?)> FromKeyAsync(string secret, CancellationToken cancellationToken)
    {
        KeyMatch? match;
        try
        {
            match = await keys.ResolveAsync(secret, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e))
        {
            return (null, GatewayErrors.ServiceUnavailable("Key validation"));
        }

        if (match is null || !match.IsUsableAt(time.GetUtcNow()))
        {
            return (null, GatewayErrors.InvalidAdminCredentials());
        }

        if (match.Key.Role is not { } role)
        {
            return (null, GatewayErrors.AppKeyOnAdminApi());
        }

        var tenant = match.Key.Tenant.Length == 0 ? null : match.Key.Tenant;
        return (new AdminPrincipal(match.Key.Id, [new RoleGrant(role, tenant)]), null);
    }

    private async Task<(AdminPrincipal?, GatewayError?)> FromEntraTokenAsync(string token, CancellationToken cancellationToken)
    {
        var result = await entra.ValidateAsync(token, cancellationToken);
        if (result.Outcome != EntraValidationOutcome.Valid)
        {
            // The reason is for operators; the caller learns only the class of failure.
            LogEntraRejected(logger, result.Outcome.ToString(), result.Reason);
        }

        return result.Outcome switch
        {
            EntraValidationOutcome.Valid => (result.Principal, null),
            EntraValidationOutcome.NoRoles => (null, GatewayErrors.NoAdminRole()),
            EntraValidationOutcome.Unavailable => (null, GatewayErrors.ServiceUnavailable("Entra ID token validation")),
            _ => (null, GatewayErrors.InvalidAdminCredentials()),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entra ID token rejected on the admin API: {Outcome}: {Reason}")]
    private static partial void LogEntraRejected(ILogger logger, string outcome, string reason);
}
