using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// Turns the events of a <c>streamGenerateContent?alt=sse</c> stream (each a partial <c>GenerateContentResponse</c>)
/// into OpenAI chunks: a role chunk when a candidate first appears, a content chunk per text piece, a chunk per event's
/// function calls, a finish chunk when the candidate's <c>finishReason</c> arrives. Gemini has no end-of-stream marker:
/// the stream is complete when every candidate has finished and the connection then ends normally, which is when the
/// usage chunk (from the last <c>usageMetadata</c>, which is cumulative) and [DONE] follow. One instance per stream.
/// </summary>
internal sealed class GeminiStreamTranslator(string fallbackId, long created, string fallbackModel, bool sendUsage)
{
    private readonly HashSet<int> _started = [];
    private readonly HashSet<int> _finished = [];
    private readonly Dictionary<int, int> _callsSoFar = [];
    private GeminiChunkWriter? _writer;
    private JsonObject? _usage;
    private bool _blocked;

    /// <summary>True once every candidate that appeared has a finish reason (or the prompt was blocked).</summary>
    public bool Complete => _blocked || (_finished.Count > 0 && _started.IsSubsetOf(_finished));

    /// <summary>The chunks one SSE event becomes. A Gemini error object in place of an event is thrown as the failure it reports.</summary>
    public List<ChatStreamChunk> Translate(ReadOnlyMemory<byte> data)
    {
        var answer = JsonNode.Parse(data.Span) as JsonObject ?? throw new JsonException("A Gemini stream event is not a JSON object.");
        if (answer["error"] is JsonObject error)
        {
            throw new UpstreamStreamException(GeminiErrors.FromStreamEvent(error));
        }

        // The first event names the stream: every chunk carries the same id and model.
        _writer ??= new GeminiChunkWriter(
            GeminiNodes.String(answer["responseId"]) is { Length: > 0 } responseId ? GeminiAdapter.CompletionId(responseId) : fallbackId,
            created,
            GeminiNodes.String(answer["modelVersion"]) ?? fallbackModel);
        if (answer["usageMetadata"] is JsonObject)
        {
            _usage = GeminiUsage.ToOpenAI(answer["usageMetadata"]);
        }

        var chunks = new List<ChatStreamChunk>();
        var candidates = GeminiCandidateContent.ReadAll(answer);
        if (candidates.Count == 0 && GeminiCandidateContent.BlockReason(answer) is not null && !_blocked)
        {
            Start(0, chunks);
            chunks.Add(_writer.Finish(0, GeminiFinishReasons.ContentFilter));
            _blocked = true;
        }

        foreach (var candidate in candidates)
        {
            Translate(candidate, chunks);
        }

        return chunks;
    }

    /// <summary>What follows the last event once the stream is complete: the usage chunk (when wanted and known) and [DONE].</summary>
    public IEnumerable<ChatStreamChunk> Finish()
    {
        if (sendUsage && _usage is not null && _writer is not null)
        {
            yield return _writer.Usage(_usage);
        }

        yield return ChatStreamChunk.Done;
    }

    private void Translate(GeminiCandidateContent candidate, List<ChatStreamChunk> chunks)
    {
        var index = candidate.Index;
        if (_finished.Contains(index))
        {
            return;
        }

        Start(index, chunks);
        if (candidate.Text.Length > 0)
        {
            chunks.Add(_writer!.Content(index, candidate.Text));
        }

        var before = _callsSoFar.GetValueOrDefault(index);
        if (candidate.Calls.Count > 0)
        {
            var calls = candidate.Calls.Select((call, i) => (before + i, call.CallId(before + i), call)).ToList();
            chunks.Add(_writer!.ToolCalls(index, calls));
            _callsSoFar[index] = before + calls.Count;
        }

        if (candidate.FinishReason is { } reason)
        {
            chunks.Add(_writer!.Finish(index, GeminiFinishReasons.ToOpenAI(reason, _callsSoFar.GetValueOrDefault(index) > 0)));
            _finished.Add(index);
        }
    }

    private void Start(int index, List<ChatStreamChunk> chunks)
    {
        if (_started.Add(index))
        {
            chunks.Add(_writer!.Role(index));
        }
    }
}
