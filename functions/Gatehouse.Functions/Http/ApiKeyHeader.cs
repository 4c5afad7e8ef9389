using Microsoft.Net.Http.Headers;

namespace Gatehouse.Http;

/// <summary>Where clients put a key: <c>Authorization: Bearer ...</c> (OpenAI SDKs) or <c>api-key</c> (Azure OpenAI SDKs).</summary>
public static class ApiKeyHeader
{
    public const string AzureStyle = "api-key";

    public static string? Read(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        var apiKey = request.Headers[AzureStyle].ToString().Trim();
        return apiKey.Length > 0 ? apiKey : null;
    }
}
