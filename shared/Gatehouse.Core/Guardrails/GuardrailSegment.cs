namespace Gatehouse.Guardrails;

/// <summary>
/// One piece of text to inspect: <paramref name="Index"/> is the message's index in <c>messages</c> (chat) or the
/// input's in <c>input</c> (embeddings); <paramref name="Part"/> the text part's index when the content is an array of
/// parts; <paramref name="Role"/> the message's role (null for embeddings).
/// </summary>
public sealed record GuardrailSegment(int Index, int? Part, string? Role, string Text);
