using System.Buffers;
using Gatehouse.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Gatehouse.Access.Entra;

/// <summary>
/// Verifies Entra ID access tokens for the admin API against the configured directory's published signing keys and
/// turns their app roles into an <see cref="AdminPrincipal"/>. Register as a singleton: it owns the metadata cache.
/// Never throws for a bad token; only the caller's cancellation escapes.
/// </summary>
public sealed class EntraTokenValidator
{
    /// <summary>The named <see cref="HttpClient"/> used for discovery and key fetches.</summary>
    public const string HttpClientName = "gatehouse-entra";

    /// <summary>Entra access tokens are a few KB; anything far larger is not one and is not worth parsing.</summary>
    public const int MaxTokenLength = 16 * 1024;

    // A JWT's header is a JSON object, so its base64url form starts with "eyJ", the encoding of {".
    private const string JwtHeaderStart = "eyJ";
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly EntraOptions _options;
    private readonly TimeProvider _time;
    private readonly Lazy<ConfigurationManager<OpenIdConnectConfiguration>> _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };

    public EntraTokenValidator(IOptions<GatehouseOptions> options, IHttpClientFactory httpClientFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Admin.Entra;
        _time = time;
        // Created on first use, so a host with Entra off never builds it, and once, so the key cache is shared.
        _metadata = new(() => CreateMetadataManager(httpClientFactory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Cheap shape check (three base64url segments, a JSON header, at most <see cref="MaxTokenLength"/>) that tells a
    /// bearer JWT from a <c>gh_</c> gateway key before any verification. It proves nothing about the token.
    /// </summary>
    public static bool LooksLikeJwt(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !token.StartsWith(JwtHeaderStart, StringComparison.Ordinal))
            return false;

        var segments = token.Split('.');
        // The signature segment may be empty (alg "none"): such a token is still a JWT, to be rejected as one.
        return segments.Length == 3 && segments[0].Length > 0 && segments[1].Length > 0
            && !segments.Any(s => s.AsSpan().ContainsAnyExcept(Base64UrlAlphabet));
    }

    public async Task<EntraValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (!_options.IsEnabled || string.IsNullOrWhiteSpace(_options.Audience))
            return EntraValidationResult.Invalid("Entra ID sign-in is not configured");
        if (!LooksLikeJwt(token))
            return EntraValidationResult.Invalid("not a JWT");

        OpenIdConnectConfiguration metadata;
        try
        {
            metadata = await _metadata.Value.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            // The library wraps every fetch or parse failure (network, timeout, 5xx, bad JSON) in this type.
            return EntraValidationResult.Unavailable($"Entra metadata unavailable from {_options.ResolvedMetadataAddress}: {(e.InnerException ?? e).GetType().Name}");
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(metadata));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
            return EntraValidationResult.Invalid(EntraFailureReasons.Describe(result.Exception));

        return ToPrincipal(jwt);
    }

    private EntraValidationResult ToPrincipal(JsonWebToken jwt)
    {
        // The issuer check already pins the directory; tid is checked as well because v1 and v2 issuers differ in shape
        // and a wrong-directory token must never get through a lenient issuer form.
        if (!jwt.TryGetPayloadValue<string>("tid", out var tid) || !Guid.TryParse(tid, out var tokenTenant)
            || !Guid.TryParse(_options.TenantId, out var configuredTenant) || tokenTenant != configuredTenant)
        {
            return EntraValidationResult.Invalid("tid does not match the configured directory");
        }

        var objectId = jwt.TryGetPayloadValue<string>("oid", out var oid) && !string.IsNullOrWhiteSpace(oid) ? oid
            : jwt.TryGetPayloadValue<string>("sub", out var sub) && !string.IsNullOrWhiteSpace(sub) ? sub
            : null;
        if (objectId is null)
            return EntraValidationResult.Invalid("token has neither oid nor sub");

        var id = $"entra:{objectId}";
        var roles = jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value);
        var grants = EntraRoleMapper.Map(roles, _options);
        return grants.Count == 0 ? EntraValidationResult.NoRoles(id) : EntraValidationResult.Valid(new AdminPrincipal(id, grants));
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration metadata) => new()
    {
        // Keys come from the manager, so a token with an unknown kid makes the library ask for a (rate-limited) refresh.
        ConfigurationManager = _metadata.Value,
        ValidateIssuer = true,
        ValidIssuers = ValidIssuers(metadata),
        ValidateAudience = true,
        ValidAudiences = [_options.Audience!, .. _options.AdditionalAudiences.Where(a => !string.IsNullOrWhiteSpace(a))],
        ValidateLifetime = true,
        RequireExpirationTime = true,
        // Replaces the library's own exp/nbf check (which reads the system clock), including the required-exp rule.
        LifetimeValidator = EntraLifetimeCheck.Create(_time, _options.ClockSkew),
        RequireSignedTokens = true,
        // Entra signs with RS256 only; any other algorithm is refused even when the signature verifies with a published key.
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
    };

    // v2 tokens carry the discovery document's issuer; v1 tokens (apps that left accessTokenAcceptedVersion unset) the sts form.
    private string[] ValidIssuers(OpenIdConnectConfiguration metadata) =>
        string.IsNullOrEmpty(metadata.Issuer)
            ? [$"https://sts.windows.net/{_options.TenantId}/"]
            : [metadata.Issuer, $"https://sts.windows.net/{_options.TenantId}/"];

    private ConfigurationManager<OpenIdConnectConfiguration> CreateMetadataManager(IHttpClientFactory httpClientFactory)
    {
        var retriever = new EntraDocumentRetriever(httpClientFactory, _options.MetadataTimeout, _options.RequireHttpsMetadata);
        return new ConfigurationManager<OpenIdConnectConfiguration>(_options.ResolvedMetadataAddress, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = _options.MetadataRefreshInterval,
        };
    }
}
