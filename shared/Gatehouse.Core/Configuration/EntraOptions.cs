using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Configuration;

/// <summary>
/// <c>Gatehouse:Admin:Entra</c>: Entra ID (Azure AD) bearer tokens for the admin API, so operators sign in with their
/// directory account instead of sharing an admin key. Off unless <see cref="TenantId"/> is set. App roles in the
/// token's <c>roles</c> claim decide what the caller may do (see <c>EntraRoleMapper</c>).
/// </summary>
public sealed class EntraOptions
{
    private const string Path = "Gatehouse:Admin:Entra";

    /// <summary>The directory (tenant) id, a GUID. Only this directory's tokens are accepted (issuer and <c>tid</c>).</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// The token audience the admin API answers to: the app's client id (v2 tokens) or its Application ID URI such as
    /// <c>api://gatehouse-admin</c> (v1 tokens). Required when <see cref="TenantId"/> is set, so a token minted for
    /// another app in the same directory is never accepted here.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>Further accepted audiences, for an app whose tokens carry the client id and the URI form alike.</summary>
    public List<string> AdditionalAudiences { get; set; } = [];

    /// <summary>The Entra authority host; a sovereign cloud has its own (e.g. <c>https://login.microsoftonline.us/</c>).</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Overrides the OpenID Connect discovery address; by default <c>{Instance}{TenantId}/v2.0/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Signing keys decide who is trusted, so they are fetched over https only. Tests turn this off for a loopback double.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerance for clock drift between Entra and this host when checking <c>exp</c> and <c>nbf</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often signing keys are re-read even without an unknown <c>kid</c>; the library refuses under 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Bounds each metadata or key fetch, so an Entra outage fails admin calls fast (503) instead of hanging them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>App role granting <c>admin</c> on every tenant.</summary>
    [Required]
    public string AdminRole { get; set; } = "Gatehouse.Admin";

    /// <summary>App role granting read access on every tenant; <c>{ViewerRole}.{tenant}</c> grants it on one tenant.</summary>
    [Required]
    public string ViewerRole { get; set; } = "Gatehouse.Viewer";

    /// <summary><c>{prefix}{tenant}</c> grants <c>tenant-admin</c> on that tenant. Tenant admins are always scoped, so there is no unscoped form.</summary>
    [Required]
    public string TenantAdminRolePrefix { get; set; } = "Gatehouse.TenantAdmin.";

    /// <summary>App role granting <c>developer</c> on every tenant.</summary>
    [Required]
    public string DeveloperRole { get; set; } = "Gatehouse.Developer";

    /// <summary><c>{prefix}{tenant}</c> grants <c>developer</c> on that tenant.</summary>
    [Required]
    public string DeveloperRolePrefix { get; set; } = "Gatehouse.Developer.";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(TenantId);

    /// <summary>The discovery address actually used: the override, or the tenant's v2.0 document under <see cref="Instance"/>.</summary>
    public string ResolvedMetadataAddress =>
        string.IsNullOrWhiteSpace(MetadataAddress)
            ? $"{Instance.TrimEnd('/')}/{TenantId}/v2.0/.well-known/openid-configuration"
            : MetadataAddress;

    /// <summary>
    /// Every problem with this section, each prefixed with its setting path; empty when valid. Nothing is checked
    /// beyond stray settings while Entra is off, since none of it is used then.
    /// </summary>
    public IEnumerable<string> Validate()
    {
        if (!IsEnabled)
        {
            if (!string.IsNullOrWhiteSpace(Audience) || !string.IsNullOrWhiteSpace(MetadataAddress))
            {
                yield return $"{Path}:TenantId: is required when Audience or MetadataAddress is set (Entra sign-in stays off without it).";
            }

            yield break;
        }

        if (!Guid.TryParseExact(TenantId, "D", out _))
        {
            yield return $"{Path}:TenantId: must be the directory (tenant) id, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47.";
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return $"{Path}:Audience: is required when TenantId is set (the admin app's client id or Application ID URI).";
        }

        if (AdditionalAudiences.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{Path}:AdditionalAudiences: entries must not be empty.";
        }

        if (UrlProblem(Instance) is { } instanceProblem)
        {
            yield return $"{Path}:Instance: {instanceProblem}";
        }

        if (!string.IsNullOrWhiteSpace(MetadataAddress) && UrlProblem(MetadataAddress) is { } metadataProblem)
        {
            yield return $"{Path}:MetadataAddress: {metadataProblem}";
        }

        foreach (var problem in AnnotationProblems().Concat(RoleNameProblems()))
        {
            yield return problem;
        }
    }

    private string? UrlProblem(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "must be an absolute https URL.";
        }

        return uri.Scheme == Uri.UriSchemeHttp && RequireHttpsMetadata
            ? "must use https (signing keys must not travel in the clear); only tests set RequireHttpsMetadata to false."
            : null;
    }

    private IEnumerable<string> AnnotationProblems()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return results.Select(r => $"{Path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
    }

    // Each role value must map to at most one grant: exact names differ, and no name or prefix starts with another prefix.
    private IEnumerable<string> RoleNameProblems()
    {
        string[] exact = [AdminRole, ViewerRole, DeveloperRole];
        string[] prefixes = [ViewerRole + ".", TenantAdminRolePrefix, DeveloperRolePrefix];
        if (exact.Concat(prefixes).Any(string.IsNullOrWhiteSpace))
        {
            yield break; // [Required] already reported it
        }

        var overlapping = exact.Distinct(StringComparer.Ordinal).Count() != exact.Length
            || prefixes.Any(p => exact.Any(e => e.StartsWith(p, StringComparison.Ordinal)))
            || prefixes.Any(p => prefixes.Count(q => q.StartsWith(p, StringComparison.Ordinal)) > 1);
        if (overlapping)
        {
            yield return $"{Path}: role names and prefixes overlap; each role value must map to one grant only.";
        }
    }
}
