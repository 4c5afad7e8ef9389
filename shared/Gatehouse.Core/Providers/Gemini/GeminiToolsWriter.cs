using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// OpenAI <c>tools</c> and <c>tool_choice</c> as Gemini <c>tools[].functionDeclarations</c> and
/// <c>toolConfig.functionCallingConfig</c>. Parameters go in <c>parametersJsonSchema</c>, which takes JSON Schema as
/// OpenAI clients write it; the older <c>parameters</c> field takes only an OpenAPI subset and rejects common
/// members such as <c>additionalProperties</c> (which OpenAI's strict mode requires).
/// </summary>
internal static class GeminiToolsWriter
{
    public static JsonArray? Tools(JsonNode? tools)
    {
        if (tools is null)
        {
            return null;
        }

        if (tools is not JsonArray array)
        {
            throw new UnsupportedRequestException("tools must be an array.");
        }

        if (array.Count == 0)
        {
            return null;
        }

        var declarations = new JsonArray();
        foreach (var tool in array)
        {
            if (tool is not JsonObject toolObject || GeminiNodes.String(toolObject["type"]) != "function" || toolObject["function"] is not JsonObject function)
            {
                throw new UnsupportedRequestException("Only function tools are supported on Gemini deployments.");
            }

            var declaration = new JsonObject
            {
                ["name"] = GeminiNodes.String(function["name"]) ?? throw new UnsupportedRequestException("A function tool has no name."),
            };
            if (GeminiNodes.String(function["description"]) is { } description)
            {
                declaration["description"] = description;
            }

            if (function["parameters"] is JsonObject parameters)
            {
                declaration["parametersJsonSchema"] = parameters.DeepClone();
            }

            declarations.Add(declaration);
        }

        return [new JsonObject { ["functionDeclarations"] = declarations }];
    }

    /// <summary><c>none</c> → NONE, <c>auto</c> → AUTO, <c>required</c> → ANY, a named function → ANY limited to it.</summary>
    public static JsonObject? ToolConfig(JsonNode? toolChoice)
    {
        if (toolChoice is null)
        {
            return null;
        }

        var config = new JsonObject();
        switch (GeminiNodes.String(toolChoice))
        {
            case "none":
                config["mode"] = "NONE";
                break;
            case "auto":
                config["mode"] = "AUTO";
                break;
            case "required":
                config["mode"] = "ANY";
                break;
            case null when toolChoice is JsonObject choice && choice["function"] is JsonObject function
                && GeminiNodes.String(function["name"]) is { } name:
                config["mode"] = "ANY";
                config["allowedFunctionNames"] = new JsonArray(name);
                break;
            default:
                throw new UnsupportedRequestException("tool_choice must be 'none', 'auto', 'required' or a function on Gemini deployments.");
        }

        return new JsonObject { ["functionCallingConfig"] = config };
    }
}
