using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Providers;

namespace Gatehouse.Guardrails.Redaction;

/// <summary>
/// Carries out a verdict's redactions and masks on a request body: a rewritten copy (other stages hold the original's
/// nodes, which are never changed) where each inspected text (<see cref="GuardrailInput.Segments"/>) has its spans
/// replaced (<see cref="SpanRewriter"/>), segments in order so placeholders are numbered in reading order. Then every
/// string of the messages (or embeddings input) that no detector inspected is swept for the values replaced, so a value
/// the client also sent where detectors do not look, e.g. in the tool-call arguments of an earlier answer the gateway
/// restored, does not reach the provider either.
/// </summary>
public static class RequestRedactor
{
    public static JsonObject Apply(
        ProviderOperation operation, JsonObject body, GuardrailInput input, IReadOnlyList<GuardrailRewrite> rewrites, RedactionVault? vault, List<GuardrailRewrite> applied)
    {
        var copy = (JsonObject)body.DeepClone();
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < input.Segments.Count; index++)
        {
            var segment = input.Segments[index];
            var mine = rewrites.Where(r => r.Finding.Segment == index).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var first = applied.Count;
            var text = SpanRewriter.Apply(segment.Text, mine, vault, applied);
            Set(operation, copy, segment, text);
            for (var i = first; i < applied.Count; i++)
            {
                var finding = applied[i].Finding;
                var value = segment.Text.Substring(finding.Start, finding.Length);
                replaced.TryAdd(value, applied[i].Action == GuardrailAction.Mask && vault is not null
                    ? vault.Mask(finding.Type, value) // known by now: returns the span's placeholder
                    : PlaceholderFormat.Redacted(finding.Type));
            }
        }

        if (replaced.Count > 0)
        {
            var inspected = new HashSet<JsonNode>(ReferenceEqualityComparer.Instance);
            foreach (var segment in input.Segments)
            {
                inspected.Add(Locate(operation, copy, segment));
            }

            Sweep(operation == ProviderOperation.Embeddings ? copy["input"] : copy["messages"], Replacements(replaced), inspected);
        }

        return copy;
    }

    /// <summary>Each value and its replacement, longest first, also as the value reads inside JSON text (tool-call arguments).</summary>
    private static KeyValuePair<string, string>[] Replacements(Dictionary<string, string> replaced)
    {
        var all = new List<KeyValuePair<string, string>>(replaced);
        foreach (var (value, placeholder) in replaced)
        {
            if (RelaxedJson.Escape(value) is var escaped && escaped != value)
            {
                all.Add(new(escaped, placeholder));
            }
        }

        return [.. all.OrderByDescending(entry => entry.Key.Length)];
    }

    /// <summary>Where <see cref="GuardrailInput.FromBody"/> read a segment from.</summary>
    private static JsonNode Locate(ProviderOperation operation, JsonObject body, GuardrailSegment segment)
    {
        if (operation == ProviderOperation.Embeddings)
        {
            return body["input"] is JsonArray items ? items[segment.Index]! : body["input"]!;
        }

        var content = body["messages"]![segment.Index]!["content"]!;
        return segment.Part is { } part ? content[part]!["text"]! : content;
    }

    private static void Set(ProviderOperation operation, JsonObject body, GuardrailSegment segment, string text)
    {
        var node = Locate(operation, body, segment);
        var parent = node.Parent!;
        if (parent is JsonArray array)
        {
            array[node.GetElementIndex()] = text;
        }
        else
        {
            ((JsonObject)parent)[node.GetPropertyName()] = text;
        }
    }

    /// <summary>Replaces the values in every string under <paramref name="node"/> but the inspected ones (object keys are left alone).</summary>
    private static void Sweep(JsonNode? node, KeyValuePair<string, string>[] replaced, HashSet<JsonNode> inspected)
    {
        if (node is JsonObject obj)
        {
            foreach (var name in obj.Select(p => p.Key).ToList())
            {
                if (Replace(obj[name], replaced, inspected) is { } text)
                {
                    obj[name] = text;
                }
                else
                {
                    Sweep(obj[name], replaced, inspected);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (Replace(array[i], replaced, inspected) is { } text)
                {
                    array[i] = text;
                }
                else
                {
                    Sweep(array[i], replaced, inspected);
                }
            }
        }
    }

    /// <summary>The string with the values replaced; null when it is no string, was inspected, or holds none of them.</summary>
    private static string? Replace(JsonNode? node, KeyValuePair<string, string>[] replaced, HashSet<JsonNode> inspected)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String || inspected.Contains(node))
        {
            return null;
        }

        var original = value.GetValue<string>();
        var text = original;
        foreach (var (secret, placeholder) in replaced)
        {
            text = text.Replace(secret, placeholder, StringComparison.Ordinal);
        }

        return ReferenceEquals(text, original) ? null : text;
    }
}
