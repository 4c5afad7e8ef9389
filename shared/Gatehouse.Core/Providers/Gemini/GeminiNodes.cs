using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// Tolerant reads of JSON nodes: a member of the wrong kind reads as absent instead of throwing, because both the
/// client's body and the provider's answer are input the adapter does not control.
/// </summary>
internal static class GeminiNodes
{
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static int? Int(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var n) ? n : null;

    public static bool? Bool(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    /// <summary>True when the member is present and not JSON null.</summary>
    public static bool Has(JsonObject obj, string name) => obj.TryGetPropertyValue(name, out var node) && node is not null;
}
