using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Errors;

namespace Gatehouse.Http;

/// <summary>Typed reads of request-body fields, each failing with the precise OpenAI-style error.</summary>
public static class JsonFields
{
    public static GatewayError? RequireString(JsonObject body, string name, out string value, int maxLength = 4096)
    {
        value = "";
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return GatewayErrors.MissingParameter(name);
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return GatewayErrors.InvalidType(name, "a string");
        }

        value = node.GetValue<string>();
        return value.Length switch
        {
            0 => GatewayErrors.InvalidValue(name, "must not be empty."),
            _ when value.Length > maxLength => GatewayErrors.InvalidValue(name, $"must be at most {maxLength} characters."),
            _ => null,
        };
    }

    public static GatewayError? RequireStringArray(JsonObject body, string name, out IReadOnlyList<string> values, int maxItems = 256)
    {
        values = [];
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return GatewayErrors.MissingParameter(name);
        }

        if (node is not JsonArray array || array.Any(item => item?.GetValueKind() != JsonValueKind.String))
        {
            return GatewayErrors.InvalidType(name, "an array of strings");
        }

        if (array.Count == 0 || array.Count > maxItems)
        {
            return GatewayErrors.InvalidValue(name, $"give between 1 and {maxItems} entries.");
        }

        values = [.. array.Select(item => item!.GetValue<string>()).Distinct(StringComparer.Ordinal)];
        return null;
    }
}
