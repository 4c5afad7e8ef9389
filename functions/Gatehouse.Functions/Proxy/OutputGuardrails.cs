using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Redaction;
using Gatehouse.Guardrails.Streaming;
using Gatehouse.Providers;
using Microsoft.Extensions.Options;

namespace Gatehouse.Proxy;

/// <summary>
/// The answer's side of the guardrails, for <see cref="Stages.ForwardStage"/>: the output rules of the policy that
/// inspected the prompt (rules with direction <c>output</c> or <c>both</c>) run over each choice's
/// <c>message.content</c> and its tool calls' arguments, and block (400 <c>guardrail_blocked</c>: the provider was called, so the request is billed),
/// redact (a mask redacts: an answer has nothing to restore; in arguments, which are JSON the client parses, a value
/// to redact blocks instead) or flag; then the prompt's masked values are put back where
/// the answer repeats their placeholders, in the content and in tool-call arguments. In that order, so detectors see
/// the model's text with the placeholders in it and the user's own data is never redacted on its way back. Streams get
/// a <see cref="StreamingGuardrailScanner"/> instead, or none when there is nothing to inspect or restore (then their
/// bytes are relayed untouched).
/// </summary>
internal sealed partial class OutputGuardrails(GuardrailPipeline pipeline, IOptions<GatehouseOptions> options, ILogger<OutputGuardrails> logger)
{
    private readonly int _lookBehind = options.Value.Guardrails.StreamLookBehind;

    /// <summary>The scanner for a streamed answer; null when it needs none (the fast path).</summary>
    public StreamingGuardrailScanner? ScannerFor(ProxyContext context) =>
        context.Operation == ProviderOperation.ChatCompletions && (Inspects(context) || context.Vault is not null)
            ? new StreamingGuardrailScanner(pipeline, context.GuardrailPolicy, context.Vault, _lookBehind) { Tenant = context.Key?.Tenant, KeyId = context.Key?.Id }
            : null;

    /// <summary>The stream is over (however it ended): what its output detectors did goes to the audit record.</summary>
    public static void Completed(ProxyContext context, StreamingGuardrailScanner scanner)
    {
        if (scanner.Inspects)
        {
            context.OutputGuardrails = scanner.Outcomes;
        }
    }

    /// <summary>Inspects, rewrites and restores a JSON answer in place; the error to answer with instead when it is blocked.</summary>
    public async ValueTask<GatewayError?> ApplyAsync(ProxyContext context, JsonObject answer)
    {
        if (context.Operation != ProviderOperation.ChatCompletions || answer["choices"] is not JsonArray choices)
        {
            return null;
        }

        if (Inspects(context) && await InspectAsync(context, choices) is { } blocked)
        {
            return blocked;
        }

        if (context.Vault is { } vault)
        {
            Restore(vault, choices);
        }

        return null;
    }

    private async ValueTask<GatewayError?> InspectAsync(ProxyContext context, JsonArray choices)
    {
        var messages = new List<JsonObject>(choices.Count);
        var segments = new List<GuardrailSegment>(choices.Count);
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i]?["message"] is JsonObject message && Text(message["content"]) is { } content)
            {
                segments.Add(new GuardrailSegment(ChoiceIndex(choices, i), null, "assistant", content));
                messages.Add(message);
            }
        }

        // Tool-call arguments after the contents: the model can put a secret or a person's data there as well.
        var contents = segments.Count;
        for (var i = 0; i < choices.Count; i++)
        {
            foreach (var call in choices[i]?["message"]?["tool_calls"] as JsonArray ?? [])
            {
                if (call?["function"] is JsonObject function && Text(function["arguments"]) is { } arguments)
                {
                    segments.Add(new GuardrailSegment(ChoiceIndex(choices, i), null, "assistant", arguments));
                }
            }
        }

        var input = new GuardrailInput(GuardrailDirection.Output, segments) { Tenant = context.Key?.Tenant, KeyId = context.Key?.Id };
        var verdict = await pipeline.InspectAsync(context.GuardrailPolicy!, input, context.Aborted);
        if (verdict.Action != GuardrailAction.Block && verdict.Rewrites.Any(r => r.Finding.Segment >= contents))
        {
            verdict = verdict.BlockingRewrites(); // a redaction inside arguments could break the JSON the client parses
        }

        if (verdict.Action != GuardrailAction.Block && verdict.Rewrites.Count > 0)
        {
            var applied = new List<GuardrailRewrite>();
            for (var i = 0; i < contents; i++)
            {
                var segment = i;
                var mine = verdict.Rewrites.Where(r => r.Finding.Segment == segment).ToList();
                if (mine.Count > 0)
                {
                    messages[i]["content"] = SpanRewriter.Apply(segments[i].Text, mine, vault: null, applied);
                }
            }

            verdict = verdict.WithCounts(applied);
        }

        context.OutputGuardrails = verdict.Outcomes;
        context.Http.Response.Headers[GatewayHeaders.GuardrailsOutput] = verdict.Summary;
        if (verdict.Action is not { } action)
        {
            return null;
        }

        LogDecided(logger, context.RequestId, action, context.GuardrailPolicy!.Name, verdict.Summary);
        return action == GuardrailAction.Block ? GatewayErrors.GuardrailBlockedAnswer(verdict.TypesFor(GuardrailAction.Block)) : null;
    }

    private static int ChoiceIndex(JsonArray choices, int position) =>
        choices[position]?["index"] is JsonValue at && at.TryGetValue<int>(out var number) ? number : position;

    /// <summary>Puts the masked values back: in each choice's content, and JSON-escaped in its tool calls' arguments.</summary>
    private static void Restore(RedactionVault vault, JsonArray choices)
    {
        foreach (var choice in choices)
        {
            if (choice?["message"] is not JsonObject message)
            {
                continue;
            }

            if (Text(message["content"]) is { } content)
            {
                message["content"] = vault.Restore(content);
            }

            foreach (var call in message["tool_calls"] as JsonArray ?? [])
            {
                if (call?["function"] is JsonObject function && Text(function["arguments"]) is { } arguments)
                {
                    function["arguments"] = vault.Restore(arguments, jsonEscaped: true);
                }
            }
        }
    }

    private static bool Inspects(ProxyContext context) =>
        context.GuardrailPolicy?.DetectorsFor(GuardrailDirection.Output).Count > 0;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Request {RequestId}: output guardrails decided {Action} under policy {Policy} ({Summary})")]
    private static partial void LogDecided(ILogger logger, string requestId, GuardrailAction action, string policy, string summary);
}
