using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>The first tool of a request, and the deterministic input the <c>tool</c> scenario calls it with.</summary>
internal sealed record FakeTool(string Name, byte[] Input)
{
    /// <summary>Each schema property gets a value of its type: strings <c>"fake-&lt;name&gt;"</c>, numbers 1, booleans true.</summary>
    public static FakeTool From(JsonElement tool)
    {
        var name = tool.TryGetProperty("name", out var n) ? n.GetString() ?? "tool" : "tool";
        var input = JsonResponse.Build(w =>
        {
            w.WriteStartObject();
            if (tool.TryGetProperty("input_schema", out var schema) && schema.TryGetProperty("properties", out var properties)
                && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    var type = property.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    switch (type)
                    {
                        case "number" or "integer": w.WriteNumber(property.Name, 1); break;
                        case "boolean": w.WriteBoolean(property.Name, true); break;
                        default: w.WriteString(property.Name, "fake-" + property.Name); break;
                    }
                }
            }
            w.WriteEndObject();
        });
        return new FakeTool(name, input);
    }
}
