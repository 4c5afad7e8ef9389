namespace Gatehouse.TestDoubles.Gemini;

/// <summary>How an answer leaves: one JSON object, SSE events (<c>alt=sse</c>), or a JSON array of the same objects (a stream without <c>alt=sse</c>).</summary>
internal enum GeminiAnswerFraming
{
    Json,
    ServerSentEvents,
    JsonArray,
}
