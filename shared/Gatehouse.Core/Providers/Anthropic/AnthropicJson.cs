using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Anthropic;

/// <summary>Tolerant reads of JSON nodes: a wrong type reads as absent instead of throwing mid-translation.</summary>
internal static class AnthropicJson
{
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static int? Int(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var n) ? n : null;

    public static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;

    /// <summary>Writes a copy of a client's value; <see cref="JsonNode.WriteTo"/> reads the shared tree without changing it.</summary>
    public static void Write(Utf8JsonWriter writer, string name, JsonNode node)
    {
        writer.WritePropertyName(name);
        node.WriteTo(writer);
    }
}
