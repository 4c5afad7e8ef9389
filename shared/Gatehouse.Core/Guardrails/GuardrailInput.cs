using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Providers;

namespace Gatehouse.Guardrails;

/// <summary>
/// The texts of a request that detectors inspect, each a <see cref="GuardrailSegment"/>; a finding names its segment by
/// index in <see cref="Segments"/>. Read from the body without changing it (other stages share it).
/// </summary>
public sealed class GuardrailInput(GuardrailDirection direction, IReadOnlyList<GuardrailSegment> segments)
{
    public GuardrailDirection Direction { get; } = direction;

    public IReadOnlyList<GuardrailSegment> Segments { get; } = segments;

    /// <summary>The calling key's tenant, for detectors whose rules are per tenant; null when unknown.</summary>
    public string? Tenant { get; init; }

    /// <summary>The calling key's id, for detectors whose rules are per key; null when unknown.</summary>
    public string? KeyId { get; init; }

    /// <summary>
    /// Chat: each message's <c>content</c> when it is a string, and the <c>text</c> of its <c>text</c> parts when it is
    /// an array. Embeddings: <c>input</c> when it is a string or its strings when it is an array (token arrays carry no
    /// text to inspect). <paramref name="tenant"/> and <paramref name="keyId"/> name the caller.
    /// </summary>
    public static GuardrailInput FromBody(ProviderOperation operation, JsonObject body, string? tenant = null, string? keyId = null)
    {
        var segments = new List<GuardrailSegment>();
        if (operation == ProviderOperation.Embeddings)
        {
            AddEmbeddingsInput(body["input"], segments);
        }
        else if (body["messages"] is JsonArray messages)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                AddMessage(i, messages[i] as JsonObject, segments);
            }
        }

        return new GuardrailInput(GuardrailDirection.Input, segments) { Tenant = tenant, KeyId = keyId };
    }

    private static void AddMessage(int index, JsonObject? message, List<GuardrailSegment> segments)
    {
        var role = Text(message?["role"]);
        var content = message?["content"];
        if (content is JsonArray parts)
        {
            for (var part = 0; part < parts.Count; part++)
            {
                if (parts[part] is JsonObject item && Text(item["type"]) == "text" && Text(item["text"]) is { } partText)
                {
                    segments.Add(new GuardrailSegment(index, part, role, partText));
                }
            }
        }
        else if (Text(content) is { } text)
        {
            segments.Add(new GuardrailSegment(index, null, role, text));
        }
    }

    private static void AddEmbeddingsInput(JsonNode? input, List<GuardrailSegment> segments)
    {
        if (Text(input) is { } single)
        {
            segments.Add(new GuardrailSegment(0, null, null, single));
        }
        else if (input is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (Text(items[i]) is { } text)
                {
                    segments.Add(new GuardrailSegment(i, null, null, text));
                }
            }
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
