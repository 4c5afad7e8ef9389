using Microsoft.Net.Http.Headers;

namespace Gatehouse.Http;

/// <summary>
/// Where clients put a key: <c>Authorization: Bearer ...</c> (OpenAI SDKs), <c>api-key</c> (Azure OpenAI SDKs) or
/// <c>x-api-key</c> (Anthropic SDKs), in that order of precedence.
/// </summary>
public static class ApiKeyHeader
{
    public const string AzureStyle = "api-key";
    public const string AnthropicStyle = "x-api-key";

    public static string? Read(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        foreach (var header in (ReadOnlySpan<string>)[AzureStyle, AnthropicStyle])
        {
            var value = request.Headers[header].ToString().Trim();
            if (value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }
}
