using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Errors;

namespace Gatehouse.Proxy;

/// <summary>
/// The app's own end user, for per-user limits, budgets and audit: the <c>x-gatehouse-user</c> header (apps that
/// cannot change bodies) or else the OpenAI <c>user</c> field. It is the app's identifier, trusted only within the key
/// that sent it.
/// </summary>
internal static class EndUser
{
    public const string Header = "x-gatehouse-user";
    public const string BodyField = "user";
    public const int MaxLength = 256;

    public static GatewayError? Read(HttpRequest request, JsonObject body, out string? endUser)
    {
        endUser = null;
        if (request.Headers.TryGetValue(Header, out var header))
        {
            return Validate(header.Count == 1 ? header.ToString() : null, Header, out endUser);
        }

        if (!body.TryGetPropertyValue(BodyField, out var node) || node is null)
        {
            return null;
        }

        return node.GetValueKind() == JsonValueKind.String
            ? Validate(node.GetValue<string>(), BodyField, out endUser)
            : GatewayErrors.InvalidType(BodyField, "a string");
    }

    private static GatewayError? Validate(string? value, string source, out string? endUser)
    {
        endUser = null;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value.Any(char.IsControl))
        {
            return GatewayErrors.InvalidValue(source, $"the end user id must be 1-{MaxLength} characters without control characters (one header value).");
        }

        endUser = value;
        return null;
    }
}
