using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Guardrails.Redaction;
using Gatehouse.Providers;

namespace Gatehouse.Guardrails.Streaming;

/// <summary>
/// Inspects and rewrites one streamed answer chunk by chunk, with a <see cref="StreamingGuardrailWindow"/> per choice
/// and per tool call (whose arguments are inspected too; a value to redact there blocks, see <see cref="PassAsync"/>). Each chunk's new text is inspected together with
/// the text held back before it, by the detectors the policy's output rules need; a block that is settled stops the
/// stream; redactions and restored placeholders go out as the chunk's <c>delta.content</c>, re-serialised. Chunks
/// without text (role, finish, usage) keep their shape; the held text is flushed in a chunk of its own just before a
/// choice's <c>finish_reason</c> chunk, or at the end (<see cref="FinishAsync"/>). A chunk left with no text is not
/// relayed. Without output rules it only restores placeholders (nothing is held but an incomplete placeholder).
/// </summary>
public sealed class StreamingGuardrailScanner
{
    private readonly GuardrailPipeline _pipeline;
    private readonly GuardrailPolicy? _policy;
    private readonly RedactionVault? _vault;
    private readonly int _lookBehind;
    private readonly Dictionary<(int Choice, int Tool), StreamingGuardrailWindow> _windows = [];
    private readonly GuardrailTally _tally = new(GuardrailDirection.Output);
    private readonly List<GuardrailRewrite> _applied = [];
    private JsonObject? _template;

    /// <param name="policy">Inspects the answer when it has output rules; otherwise only placeholders are restored.</param>
    /// <param name="vault">The request's masked values, to restore; null when none were masked.</param>
    /// <param name="lookBehind">Characters held back per choice while inspecting (<see cref="GuardrailOptions.StreamLookBehind"/>).</param>
    public StreamingGuardrailScanner(GuardrailPipeline pipeline, GuardrailPolicy? policy, RedactionVault? vault, int lookBehind)
    {
        _pipeline = pipeline;
        _policy = policy is not null && policy.DetectorsFor(GuardrailDirection.Output).Count > 0 ? policy : null;
        _vault = vault is { Count: > 0 } ? vault : null;
        _lookBehind = _policy is null ? 0 : lookBehind;
    }

    /// <summary>The caller's tenant, for detectors whose rules are per tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>The caller's key id, for detectors whose rules are per key.</summary>
    public string? KeyId { get; init; }

    /// <summary>Whether the answer is inspected (the policy has output rules), not only restored.</summary>
    public bool Inspects => _policy is not null;

    /// <summary>What the output detectors did over the whole stream, for the audit record.</summary>
    public IReadOnlyList<GuardrailOutcome> Outcomes => _tally.Outcomes();

    public async ValueTask<StreamScanStep> ScanAsync(ChatStreamChunk chunk, CancellationToken cancellationToken)
    {
        if (_policy is null && !HoldsText() && !StreamChunkJson.MayHoldPlaceholder(chunk.Data.Span))
        {
            return new StreamScanStep([chunk]); // only restoring, and nothing here to restore: not even parsed
        }

        if (chunk.Json is not { } json || json["choices"] is not JsonArray { Count: > 0 } choices)
        {
            return new StreamScanStep([chunk]); // a usage-only chunk, or none of chat's: as it came
        }

        _template = json;
        Dictionary<int, JsonObject>? flushes = null;
        var changed = false;
        var droppable = json["usage"] is null;
        foreach (var node in choices)
        {
            if (node is not JsonObject choice)
            {
                droppable = false;
                continue;
            }

            var index = choice["index"] is JsonValue at && at.TryGetValue<int>(out var number) ? number : 0;
            var delta = choice["delta"] as JsonObject;
            var final = choice["finish_reason"] is not null;
            droppable &= !final && choice["logprobs"] is null && delta is { Count: 1 } && delta.ContainsKey("content");

            var content = StreamChunkJson.Text(delta?["content"]);
            if (content is not null || (final && _windows.ContainsKey((index, -1))))
            {
                var (released, blocked) = await PassAsync(index, -1, content ?? "", final, cancellationToken);
                if (blocked is not null)
                {
                    return new StreamScanStep([], blocked);
                }

                if (content is null)
                {
                    StreamChunkJson.AddFlush(ref flushes, index, released, tool: null);
                }
                else if (!ReferenceEquals(released, content))
                {
                    delta!["content"] = released;
                    changed = true;
                }

                droppable &= released.Length == 0;
            }

            var (toolsChanged, toolsBlocked) = await PassToolCallsAsync(index, delta?["tool_calls"] as JsonArray, final, cancellationToken);
            changed |= toolsChanged;
            if (final && toolsBlocked is null)
            {
                toolsBlocked = await FlushToolCallsAsync(index, flushes ??= [], cancellationToken);
            }

            if (toolsBlocked is not null)
            {
                return new StreamScanStep([], toolsBlocked);
            }
        }

        if (droppable && flushes is null)
        {
            return StreamScanStep.Nothing;
        }

        var relayed = changed ? new ChatStreamChunk(StreamChunkJson.Serialize(json, chunk.Data.Length + 64)) : chunk;
        return new StreamScanStep(flushes is { Count: > 0 } ? [StreamChunkJson.FlushChunk(_template!, flushes), relayed] : [relayed]);
    }

    /// <summary>The stream is over: the text still held back (by choices that sent no finish chunk), inspected as final.</summary>
    public async ValueTask<StreamScanStep> FinishAsync(CancellationToken cancellationToken)
    {
        Dictionary<int, JsonObject>? flushes = null;
        foreach (var (choice, tool) in _windows.Keys.ToList())
        {
            if (tool >= 0)
            {
                if (await FlushToolCallsAsync(choice, flushes ??= [], cancellationToken) is { } toolsBlocked)
                {
                    return new StreamScanStep([], toolsBlocked);
                }

                continue;
            }

            var (released, blocked) = await PassAsync(choice, -1, "", final: true, cancellationToken);
            if (blocked is not null)
            {
                return new StreamScanStep([], blocked);
            }

            StreamChunkJson.AddFlush(ref flushes, choice, released, tool: null);
        }

        return flushes is { Count: > 0 } && _template is not null ? new StreamScanStep([StreamChunkJson.FlushChunk(_template!, flushes)]) : StreamScanStep.Nothing;
    }

    /// <summary>
    /// One piece of one text through its window: inspected, then released as far as is safe. In a tool call's arguments
    /// (JSON the client parses, which a replaced span could break) a value to redact or mask blocks instead.
    /// </summary>
    private async ValueTask<(string Released, IReadOnlyList<string>? Blocked)> PassAsync(int choice, int tool, string text, bool final, CancellationToken cancellationToken)
    {
        if (text.Length == 0 && !final)
        {
            return (text, null); // nothing new: what is held stays held
        }

        if (!_windows.TryGetValue((choice, tool), out var window))
        {
            _windows[(choice, tool)] = window = new StreamingGuardrailWindow(_lookBehind, _vault, jsonEscaped: tool >= 0);
        }

        var buffer = window.Append(text);
        IReadOnlyList<DetectorFinding> findings = [];
        IReadOnlyList<GuardrailRewrite> rewrites = [];
        if (_policy is not null && buffer.Length > 0)
        {
            var input = new GuardrailInput(GuardrailDirection.Output, [new GuardrailSegment(choice, null, "assistant", buffer)]) { Tenant = Tenant, KeyId = KeyId };
            var (found, runs) = await _pipeline.DetectAsync(_policy, input, cancellationToken);
            var verdict = _policy.Decide(GuardrailDirection.Output, Settled(window, found, final), runs);
            if (tool >= 0 && verdict.Action != GuardrailAction.Block && verdict.Rewrites.Count > 0)
            {
                verdict = verdict.BlockingRewrites();
            }

            _tally.Add(verdict);
            if (verdict.Action == GuardrailAction.Block)
            {
                return ("", verdict.TypesFor(GuardrailAction.Block));
            }

            findings = found;
            rewrites = verdict.Rewrites;
        }

        _applied.Clear();
        var released = window.Release(findings, rewrites, final, _applied);
        _tally.Count(_applied);
        if (final)
        {
            _windows.Remove((choice, tool));
        }

        return (released, null);
    }

    /// <summary>Findings the next chunk cannot change (a failed detector's included): the only ones acted on now.</summary>
    private static IReadOnlyList<DetectorFinding> Settled(StreamingGuardrailWindow window, IReadOnlyList<DetectorFinding> found, bool final)
    {
        if (found.Count == 0)
        {
            return found;
        }

        var settled = new List<DetectorFinding>(found.Count);
        foreach (var finding in found)
        {
            if (finding.Segment < 0 || window.IsSettled(finding, final))
            {
                settled.Add(finding);
            }
        }

        return settled;
    }

    /// <summary>
    /// The arguments a chunk's tool calls stream, each through its own window (inspected, placeholders restored):
    /// whether it changed any, and the types that blocked, if one did.
    /// </summary>
    private async ValueTask<(bool Changed, IReadOnlyList<string>? Blocked)> PassToolCallsAsync(int choice, JsonArray? calls, bool final, CancellationToken cancellationToken)
    {
        var changed = false;
        for (var i = 0; (_vault is not null || _policy is not null) && calls is not null && i < calls.Count; i++)
        {
            if (calls[i] is JsonObject call && call["function"] is JsonObject function && StreamChunkJson.Text(function["arguments"]) is { } arguments)
            {
                var tool = call["index"] is JsonValue at && at.TryGetValue<int>(out var number) ? number : i;
                var (released, blocked) = await PassAsync(choice, tool, arguments, final, cancellationToken);
                if (blocked is not null)
                {
                    return (changed, blocked);
                }

                if (!ReferenceEquals(released, arguments))
                {
                    function["arguments"] = released;
                    changed = true;
                }
            }
        }

        return (changed, null);
    }

    /// <summary>The arguments text still held for a finished choice's tool calls, into its flush; the types that blocked, if any did.</summary>
    private async ValueTask<IReadOnlyList<string>?> FlushToolCallsAsync(int choice, Dictionary<int, JsonObject> flushes, CancellationToken cancellationToken)
    {
        foreach (var (owner, tool) in _windows.Keys.Where(key => key.Choice == choice && key.Tool >= 0).ToList())
        {
            var (released, blocked) = await PassAsync(owner, tool, "", final: true, cancellationToken);
            if (blocked is not null)
            {
                return blocked;
            }

            StreamChunkJson.AddFlush(ref flushes!, owner, released, tool);
        }

        return null;
    }

    private bool HoldsText()
    {
        foreach (var window in _windows.Values)
        {
            if (window.Held.Length > 0)
            {
                return true;
            }
        }

        return false;
    }
}
