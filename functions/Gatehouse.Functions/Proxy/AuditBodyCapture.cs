using System.Text.Json.Nodes;
using Gatehouse.Audit.Bodies;
using Gatehouse.Providers;

namespace Gatehouse.Proxy;

/// <summary>
/// What the audit body keeps of one request, gathered as it passes: the body as received, then the JSON answer the
/// client was sent, or the stream's text as relayed (<see cref="StreamTranscript"/>). Exists only when bodies are
/// stored, so with the mode off no request pays for it.
/// </summary>
public sealed class AuditBodyCapture
{
    private readonly int _maxBytes;
    private StreamTranscript? _stream;

    private AuditBodyCapture(JsonObject prompt, int maxBytes)
    {
        Prompt = prompt;
        _maxBytes = maxBytes;
    }

    /// <summary>The request body as parsed. Stages never change it: a guardrail rewrite replaces the context's body with a copy.</summary>
    public JsonObject Prompt { get; }

    public JsonObject? Answer { get; private set; }

    /// <summary>A capture for the request, or null when bodies are off.</summary>
    public static AuditBodyCapture? Start(AuditBodyOptions options, JsonObject body) =>
        options.Mode == AuditBodyMode.Off ? null : new AuditBodyCapture(body, options.MaxBytes);

    /// <summary>The JSON answer as sent (after output guardrails and restoring masked values).</summary>
    public void Answered(JsonObject answer) => Answer = answer;

    /// <summary>A stream event as relayed to the client.</summary>
    public void Relayed(ChatStreamChunk chunk) => (_stream ??= new StreamTranscript(_maxBytes)).Add(chunk);

    /// <summary>The answer, or the stream rebuilt as one; null when the client got neither (an error).</summary>
    public (JsonNode? Response, bool Truncated) Response() =>
        Answer is not null ? (Answer, false) : _stream is { } stream ? (stream.ToAnswer(), stream.Truncated) : (null, false);
}
