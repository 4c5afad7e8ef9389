using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Errors;
using Gatehouse.Http;

namespace Gatehouse.Admin;

/// <summary>
/// Reads an admin request body into its record: the size and JSON checks of <see cref="JsonBodyReader"/>, then strict
/// binding (unknown fields are refused, so a typo cannot silently drop a setting), with errors naming the field.
/// </summary>
internal sealed class AdminBodyReader(JsonBodyReader reader)
{
    /// <summary>The body and its raw object (PATCH needs to tell an absent field from a null one).</summary>
    public async Task<(T? Body, JsonObject? Raw, GatewayError? Error)> ReadAsync<T>(HttpContext http, bool optional = false)
        where T : class
    {
        if (optional && http.Request.ContentLength is 0 or null && !http.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return (Empty<T>(), new JsonObject(), null);
        }

        var (raw, error) = await reader.ReadAsync(http.Request, http.RequestAborted);
        if (error is not null)
        {
            return (null, null, error);
        }

        try
        {
            return (raw!.Deserialize<T>(AdminJson.StrictOptions), raw, null);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            return (null, null, e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? GatewayErrors.InvalidValue(field, "unknown field.")
                : GatewayErrors.InvalidType(field, "a different JSON type (see /admin/openapi.json)"));
        }
    }

    private static T Empty<T>() where T : class => JsonSerializer.Deserialize<T>("{}", AdminJson.StrictOptions)!;

    /// <summary><c>$.models[0]</c> → <c>models</c>; <c>$.metadata.team</c> → <c>metadata.team</c>.</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 ? field[..bracket] : field;
    }
}
