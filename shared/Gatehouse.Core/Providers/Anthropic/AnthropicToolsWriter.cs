using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// OpenAI <c>tools</c> as Anthropic tools (<c>{name, description, input_schema}</c>), and <c>tool_choice</c>
/// (<c>auto</c>/<c>none</c>/<c>required</c>/a named function) as <c>auto</c>/<c>none</c>/<c>any</c>/<c>{type:"tool"}</c>.
/// <c>parallel_tool_calls: false</c> becomes <c>disable_parallel_tool_use</c>.
/// </summary>
internal static class AnthropicToolsWriter
{
    public static void WriteTools(Utf8JsonWriter writer, JsonNode? tools)
    {
        if (AnthropicJson.IsNull(tools))
        {
            return;
        }

        if (tools is not JsonArray array)
        {
            throw AnthropicUnsupported.Because("a 'tools' value that is not an array");
        }

        writer.WriteStartArray("tools");
        for (var i = 0; i < array.Count; i++)
        {
            var tool = array[i] as JsonObject;
            if (AnthropicJson.String(tool?["type"]) is not "function" || tool!["function"] is not JsonObject function)
            {
                throw AnthropicUnsupported.Because($"tools other than functions (tools[{i}])");
            }

            writer.WriteStartObject();
            writer.WriteString("name", AnthropicJson.String(function["name"]) ?? throw AnthropicUnsupported.Because($"a tool without a name (tools[{i}].function.name)"));
            if (AnthropicJson.String(function["description"]) is { } description)
            {
                writer.WriteString("description", description);
            }

            if (function["parameters"] is JsonObject parameters)
            {
                AnthropicJson.Write(writer, "input_schema", parameters);
            }
            else
            {
                // A function without parameters takes none; Anthropic requires a schema all the same.
                writer.WriteStartObject("input_schema");
                writer.WriteString("type", "object");
                writer.WriteStartObject("properties");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteToolChoice(Utf8JsonWriter writer, JsonNode? choice, JsonNode? parallelToolCalls)
    {
        var serial = parallelToolCalls is JsonValue value && value.TryGetValue<bool>(out var parallel) && !parallel;
        string? type;
        string? name = null;
        if (AnthropicJson.IsNull(choice))
        {
            type = serial ? "auto" : null;
        }
        else if (AnthropicJson.String(choice) is { } mode)
        {
            type = mode switch
            {
                "auto" => "auto",
                "none" => "none",
                "required" => "any",
                _ => throw AnthropicUnsupported.Because($"tool_choice '{mode}'; use auto, none, required or a named function"),
            };
        }
        else if (choice is JsonObject named && AnthropicJson.String(named["type"]) == "function"
            && AnthropicJson.String(named["function"]?["name"]) is { } function)
        {
            type = "tool";
            name = function;
        }
        else
        {
            throw AnthropicUnsupported.Because("this tool_choice; use auto, none, required or {\"type\":\"function\",\"function\":{\"name\":...}}");
        }

        if (type is null)
        {
            return;
        }

        writer.WriteStartObject("tool_choice");
        writer.WriteString("type", type);
        if (name is not null)
        {
            writer.WriteString("name", name);
        }

        // Anthropic's "none" choice has no such field: no tool is called at all.
        if (serial && type != "none")
        {
            writer.WriteBoolean("disable_parallel_tool_use", true);
        }

        writer.WriteEndObject();
    }
}
