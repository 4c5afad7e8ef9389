using System.Text.Json.Nodes;

namespace Gatehouse.Tokens;

/// <summary>
/// Tool (function) definitions' tokens by the openai-cookbook's <c>num_tokens_for_tools</c> scheme: per function a
/// start cost plus "name:description"; per parameter a key cost plus "name:type:description" and its enum values;
/// one end cost for the whole list. A trailing period of a description is not counted, as in the cookbook.
/// </summary>
/// <remarks>
/// The cookbook reads only a flat parameter list. So that a large schema cannot slip through as a small count, every
/// other part of a definition (nested <c>properties</c>, <c>items</c>, <c>anyOf</c>, <c>$defs</c>…) counts as its JSON
/// text, and a tool that is not a function counts as its JSON text. <c>required</c> and
/// <c>additionalProperties</c> are left out, as they are in the cookbook.
/// </remarks>
internal static class ToolDefinitionCounter
{
    // The cookbook's constants: gpt-4o/gpt-4o-mini (o200k_base) start a function with 7, gpt-4/gpt-3.5-turbo with 10.
    private const int FunctionInitO200k = 7;
    private const int FunctionInitCl100k = 10;
    private const int PropertiesInit = 3;
    private const int PropertyKey = 3;
    private const int EnumInit = -3;
    private const int EnumItem = 3;
    private const int FunctionsEnd = 12;

    private static readonly string[] CookbookParameterKeys = ["type", "properties", "required", "additionalProperties"];
    private static readonly string[] CookbookPropertyKeys = ["type", "description", "enum"];

    /// <summary>Raw tokens of <c>tools</c> and the legacy <c>functions</c>; 0 when the request defines none.</summary>
    public static long Count(JsonObject body, TokenEncoding encoding)
    {
        var functionInit = encoding.Name == TokenEncoding.Cl100kBaseName ? FunctionInitCl100k : FunctionInitO200k;
        long tokens = 0;
        var any = false;
        if (body["tools"] is JsonArray tools)
        {
            foreach (var tool in tools)
            {
                any = true;
                tokens += tool is JsonObject { } t && ChatPromptCounter.Text(t["type"]) == "function" && t["function"] is JsonObject function
                    ? CountFunction(function, functionInit, encoding)
                    : Json(tool, encoding);
            }
        }

        if (body["functions"] is JsonArray functions)
        {
            foreach (var function in functions)
            {
                any = true;
                tokens += function is JsonObject f ? CountFunction(f, functionInit, encoding) : Json(function, encoding);
            }
        }

        return any ? tokens + FunctionsEnd : 0;
    }

    private static long CountFunction(JsonObject function, int functionInit, TokenEncoding encoding)
    {
        long tokens = functionInit;
        tokens += encoding.CountRaw($"{ChatPromptCounter.Text(function["name"])}:{Description(function)}");
        if (function["parameters"] is not JsonObject parameters)
        {
            return tokens;
        }

        if (parameters["properties"] is JsonObject properties)
        {
            tokens += properties.Count > 0 ? PropertiesInit : 0;
            foreach (var (name, property) in properties)
            {
                tokens += PropertyKey + CountProperty(name, property, encoding);
            }
        }
        else if (parameters["properties"] is { } odd)
        {
            tokens += Json(odd, encoding);
        }

        return tokens + Rest(parameters, CookbookParameterKeys, encoding);
    }

    private static long CountProperty(string name, JsonNode? property, TokenEncoding encoding)
    {
        if (property is not JsonObject p)
        {
            return encoding.CountRaw(name) + Json(property, encoding);
        }

        long tokens = 0;
        if (p["enum"] is JsonArray values)
        {
            tokens += EnumInit;
            foreach (var value in values)
            {
                tokens += EnumItem + (ChatPromptCounter.Text(value) is { } text ? encoding.CountRaw(text) : Json(value, encoding));
            }
        }

        var type = ChatPromptCounter.Text(p["type"]) ?? p["type"]?.ToJsonString() ?? "";
        tokens += encoding.CountRaw($"{name}:{type}:{Description(p)}");
        return tokens + Rest(p, CookbookPropertyKeys, encoding);
    }

    private static string Description(JsonObject node) =>
        ChatPromptCounter.Text(node["description"]) is { } text ? (text.EndsWith('.') ? text[..^1] : text) : "";

    /// <summary>The JSON text of every member the cookbook's scheme does not read.</summary>
    private static long Rest(JsonObject node, string[] read, TokenEncoding encoding) =>
        node.Where(member => !read.Contains(member.Key)).Sum(member => (long)encoding.CountRaw(member.Key) + Json(member.Value, encoding));

    private static int Json(JsonNode? node, TokenEncoding encoding) => node is null ? 0 : encoding.CountRaw(node.ToJsonString());
}
