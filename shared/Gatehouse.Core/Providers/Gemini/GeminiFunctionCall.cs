namespace Gatehouse.Providers.Gemini;

/// <summary>A <c>functionCall</c> part: its name, its <c>args</c> as the JSON text OpenAI's <c>arguments</c> carries, and Gemini's own id if it gave one.</summary>
internal sealed record GeminiFunctionCall(string Name, string Arguments, string? Id)
{
    /// <summary>The OpenAI tool call id: Gemini's own when it gave one, otherwise <c>call_&lt;n&gt;</c> by position in the answer.</summary>
    public string CallId(int position) => Id ?? $"call_{position}";
}
