using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>Field checks shared by the endpoints, with OpenAI's wording for what is wrong.</summary>
internal static class RequestFields
{
    public const string UnparsableBody =
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library "
        + "correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

    public static bool TryGetModel(JsonElement root, [NotNullWhen(true)] out string? model, [NotNullWhen(false)] out RequestError? error)
    {
        model = null;
        if (!root.TryGetProperty("model", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            error = new RequestError("you must provide a model parameter", "model");
            return false;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            error = InvalidType("model", "a string", value);
            return false;
        }
        model = value.GetString()!;
        if (model.Length == 0)
        {
            error = new RequestError("you must provide a model parameter", "model");
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>Reads an optional boolean; a present non-boolean is an error.</summary>
    public static bool TryGetOptionalBool(
        JsonElement parent, string name, string path, out bool value, [NotNullWhen(false)] out RequestError? error)
    {
        value = false;
        error = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return true;
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = element.GetBoolean();
            return true;
        }
        error = InvalidType(path, "a boolean", element);
        return false;
    }

    /// <summary>Reads an optional integer of at least 1; null when absent.</summary>
    public static bool TryGetOptionalPositiveInt(
        JsonElement parent, string name, out int? value, [NotNullWhen(false)] out RequestError? error)
    {
        value = null;
        error = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return true;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number))
        {
            error = InvalidType(name, "an integer", element);
            return false;
        }
        if (number < 1)
        {
            error = new RequestError(
                $"Invalid '{name}': integer below minimum value. Expected a value >= 1, but got {number} instead.",
                name, "integer_below_min_value");
            return false;
        }
        value = number;
        return true;
    }

    public static RequestError Missing(string param) => new($"Missing required parameter: '{param}'.", param);

    public static RequestError InvalidType(string param, string expected, JsonElement got) =>
        new($"Invalid type for '{param}': expected {expected}, but got {Describe(got.ValueKind)} instead.", param, "invalid_type");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
