using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors;
using Gatehouse.Guardrails.Redaction;
using Gatehouse.Providers;

namespace Gatehouse.Audit.Bodies;

/// <summary>
/// The <c>redacted</c> body: every finding of the PII and secret detectors replaced by <c>[REDACTED_TYPE]</c>, whatever
/// the tenant's guardrail policy did, through the same code the redact action uses (<see cref="RequestRedactor"/> for
/// the prompt, <see cref="SpanRewriter"/> for the answer's texts). Works on copies; the originals are not changed.
/// A detector that fails makes the whole body fail (<see cref="AuditBodyException"/>): it is then not stored.
/// </summary>
public sealed class AuditBodyRedactor(IEnumerable<IGuardrailDetector> detectors)
{
    private readonly IGuardrailDetector[] _detectors = [.. detectors.Where(d => d.Name is DetectorNames.Pii or DetectorNames.Secrets)];

    /// <summary>The prompt with its message texts (or embeddings input) redacted, and those values wherever else they recur.</summary>
    public async ValueTask<JsonObject> RedactPromptAsync(ProviderOperation operation, JsonObject body, CancellationToken cancellationToken)
    {
        var input = GuardrailInput.FromBody(operation, body);
        var rewrites = await RewritesAsync(input, cancellationToken);
        return rewrites.Count == 0
            ? body
            : RequestRedactor.Apply(operation, body, input, rewrites, vault: null, applied: []);
    }

    /// <summary>A copy of a chat answer with each choice's <c>message.content</c> and tool-call <c>arguments</c> redacted.</summary>
    public async ValueTask<JsonNode> RedactAnswerAsync(JsonNode answer, CancellationToken cancellationToken)
    {
        var copy = answer.DeepClone();
        var texts = new List<(JsonObject Owner, string Property)>();
        foreach (var choice in copy["choices"] as JsonArray ?? [])
        {
            if (choice?["message"] is not JsonObject message)
            {
                continue;
            }

            Add(texts, message, "content");
            foreach (var call in message["tool_calls"] as JsonArray ?? [])
            {
                if (call?["function"] is JsonObject function)
                {
                    Add(texts, function, "arguments");
                }
            }
        }

        var segments = texts.Select((t, i) => new GuardrailSegment(i, null, "assistant", t.Owner[t.Property]!.GetValue<string>())).ToList();
        var rewrites = await RewritesAsync(new GuardrailInput(GuardrailDirection.Output, segments), cancellationToken);
        for (var i = 0; i < texts.Count && rewrites.Count > 0; i++)
        {
            var segment = i;
            if (rewrites.Where(r => r.Finding.Segment == segment).ToList() is { Count: > 0 } mine)
            {
                texts[i].Owner[texts[i].Property] = SpanRewriter.Apply(segments[i].Text, mine, vault: null);
            }
        }

        return copy;
    }

    private static void Add(List<(JsonObject, string)> texts, JsonObject owner, string property)
    {
        if (owner[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            texts.Add((owner, property));
        }
    }

    private async ValueTask<List<GuardrailRewrite>> RewritesAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        var rewrites = new List<GuardrailRewrite>();
        if (input.Segments.Count == 0)
        {
            return rewrites;
        }

        if (_detectors.Length != 2)
        {
            throw new AuditBodyException("The pii and secrets detectors are not both registered, so bodies cannot be redacted.");
        }

        foreach (var detector in _detectors)
        {
            IReadOnlyList<DetectorFinding> findings;
            try
            {
                findings = await detector.InspectAsync(input, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new AuditBodyException($"The {detector.Name} detector failed ({e.GetType().Name}), so the body cannot be redacted.", e);
            }

            rewrites.AddRange(findings.Where(f => f.Segment >= 0).Select(f => new GuardrailRewrite(f, GuardrailAction.Redact)));
        }

        return rewrites;
    }
}
