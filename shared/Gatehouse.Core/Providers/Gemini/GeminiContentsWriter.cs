using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// OpenAI <c>messages</c> as Gemini <c>contents</c> and <c>systemInstruction</c>. System and developer messages become
/// the system instruction (wherever they stood); assistant turns become <c>model</c> turns with their tool calls as
/// <c>functionCall</c> parts; tool results become <c>functionResponse</c> parts in a <c>user</c> turn, named after the
/// call they answer. Consecutive turns of one role are merged, so the results of parallel calls share one turn.
/// </summary>
internal sealed class GeminiContentsWriter(bool signReplayedCalls)
{
    private readonly JsonArray _system = [];
    private readonly JsonArray _contents = [];
    private readonly Dictionary<string, string> _callNames = new(StringComparer.Ordinal);
    private string? _lastRole;

    public static (JsonArray Contents, JsonObject? SystemInstruction) Write(JsonArray messages, bool signReplayedCalls)
    {
        var writer = new GeminiContentsWriter(signReplayedCalls);
        foreach (var message in messages)
        {
            writer.Add(message as JsonObject ?? throw new UnsupportedRequestException("Each message must be an object."));
        }

        var system = writer._system.Count == 0 ? null : new JsonObject { ["parts"] = writer._system };
        return (writer._contents, system);
    }

    private void Add(JsonObject message)
    {
        var role = GeminiNodes.String(message["role"]);
        switch (role)
        {
            case "system" or "developer":
                var instruction = GeminiPartsWriter.Text(message["content"], role);
                if (instruction.Length > 0)
                {
                    _system.Add(GeminiPartsWriter.TextPart(instruction));
                }

                break;
            case "user":
                var parts = new JsonArray();
                GeminiPartsWriter.AddUserParts(message["content"], parts);
                Append("user", parts);
                break;
            case "assistant":
                Append("model", AssistantParts(message));
                break;
            case "tool":
                var id = GeminiNodes.String(message["tool_call_id"])
                    ?? throw new UnsupportedRequestException("A tool message needs the tool_call_id of the call it answers.");
                var name = _callNames.GetValueOrDefault(id)
                    ?? throw new UnsupportedRequestException($"The tool message for '{id}' answers no tool call of an earlier assistant message.");
                Append("user", [FunctionResponse(name, GeminiPartsWriter.Text(message["content"], "tool"))]);
                break;
            case "function":
                var functionName = GeminiNodes.String(message["name"])
                    ?? throw new UnsupportedRequestException("A function message needs the name of the function it answers.");
                Append("user", [FunctionResponse(functionName, GeminiPartsWriter.Text(message["content"], "function"))]);
                break;
            default:
                throw new UnsupportedRequestException($"Messages with the role '{role ?? "(none)"}' are not supported on Gemini deployments.");
        }
    }

    private JsonArray AssistantParts(JsonObject message)
    {
        var parts = new JsonArray();
        var text = GeminiPartsWriter.Text(message["content"], "assistant");
        if (text.Length > 0)
        {
            parts.Add(GeminiPartsWriter.TextPart(text));
        }

        if (message["tool_calls"] is JsonArray calls)
        {
            foreach (var call in calls)
            {
                if (call is not JsonObject { } callObject || callObject["function"] is not JsonObject function)
                {
                    throw new UnsupportedRequestException("Only function tool calls are supported on Gemini deployments.");
                }

                var name = FunctionName(function);
                if (GeminiNodes.String(callObject["id"]) is { } id)
                {
                    _callNames[id] = name; // a later call with the same id is the one a later tool message answers
                }

                parts.Add(FunctionCall(name, function));
            }
        }
        else if (message["function_call"] is JsonObject legacy)
        {
            parts.Add(FunctionCall(FunctionName(legacy), legacy));
        }

        return parts;
    }

    private JsonObject FunctionCall(string name, JsonObject function)
    {
        var part = new JsonObject { ["functionCall"] = new JsonObject { ["name"] = name, ["args"] = Arguments(name, function["arguments"]) } };
        if (signReplayedCalls)
        {
            part["thoughtSignature"] = GeminiThoughtSignatures.SkipValidator;
        }

        return part;
    }

    private static string FunctionName(JsonObject function) =>
        GeminiNodes.String(function["name"]) is { Length: > 0 } name
            ? name
            : throw new UnsupportedRequestException("A tool call in an assistant message has no function name.");

    /// <summary>OpenAI carries arguments as a JSON string; Gemini wants the object itself.</summary>
    private static JsonObject Arguments(string name, JsonNode? arguments)
    {
        var text = GeminiNodes.String(arguments);
        if (string.IsNullOrWhiteSpace(text))
        {
            return arguments is JsonObject given ? (JsonObject)given.DeepClone() : [];
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject parsed)
            {
                return parsed;
            }
        }
        catch (JsonException)
        {
        }

        throw new UnsupportedRequestException($"The arguments of the call to '{name}' must be a JSON object to be sent to Gemini.");
    }

    /// <summary>
    /// Gemini wants a result object: a JSON object result is sent as it is, anything else under <c>output</c> (the key
    /// Google's docs suggest for a function's output).
    /// </summary>
    private static JsonObject FunctionResponse(string name, string content)
    {
        JsonObject? response = null;
        try
        {
            response = content.TrimStart().StartsWith('{') ? JsonNode.Parse(content) as JsonObject : null;
        }
        catch (JsonException)
        {
        }

        response ??= new JsonObject { ["output"] = content };
        return new JsonObject { ["functionResponse"] = new JsonObject { ["name"] = name, ["response"] = response } };
    }

    private void Append(string role, JsonArray parts)
    {
        if (parts.Count == 0)
        {
            return;
        }

        if (_lastRole == role && _contents[^1] is JsonObject last && last["parts"] is JsonArray existing)
        {
            foreach (var part in parts.ToArray())
            {
                parts.Remove(part);
                existing.Add(part);
            }

            return;
        }

        _contents.Add(new JsonObject { ["role"] = role, ["parts"] = parts });
        _lastRole = role;
    }
}
