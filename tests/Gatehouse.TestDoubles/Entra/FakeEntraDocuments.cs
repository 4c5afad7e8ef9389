using System.Text.Json.Nodes;

namespace Gatehouse.TestDoubles.Entra;

/// <summary>The discovery document and key set, field for field as Entra's v2.0 endpoints serve them (trimmed of URLs nothing here uses).</summary>
internal static class FakeEntraDocuments
{
    public static string DiscoveryPath(string tenantId) => $"/{tenantId}/v2.0/.well-known/openid-configuration";

    public static string KeysPath(string tenantId) => $"/{tenantId}/discovery/v2.0/keys";

    public static string Discovery(Uri baseUrl, string tenantId)
    {
        var authority = $"{baseUrl}{tenantId}";
        return new JsonObject
        {
            ["token_endpoint"] = $"{authority}/oauth2/v2.0/token",
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["jwks_uri"] = $"{baseUrl}{KeysPath(tenantId).TrimStart('/')}",
            ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
            ["issuer"] = $"{authority}/v2.0",
            ["request_uri_parameter_supported"] = false,
            ["authorization_endpoint"] = $"{authority}/oauth2/v2.0/authorize",
            ["end_session_endpoint"] = $"{authority}/oauth2/v2.0/logout",
            ["tenant_region_scope"] = "EU",
            ["cloud_instance_name"] = "microsoftonline.com",
        }.ToJsonString();
    }

    public static string KeySet(IEnumerable<FakeEntraSigningKey> keys, string issuer) =>
        new JsonObject { ["keys"] = new JsonArray([.. keys.Select(k => k.ToJwk(issuer))]) }.ToJsonString();

    public static string ServerError() => new JsonObject
    {
        ["error"] = "temporarily_unavailable",
        ["error_description"] = "AADSTS90033: A transient error has occurred. Please try again.",
        ["error_codes"] = new JsonArray(90033),
    }.ToJsonString();
}
