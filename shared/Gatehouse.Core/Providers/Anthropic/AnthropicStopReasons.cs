namespace Gatehouse.Providers.Anthropic;

/// <summary>Anthropic's <c>stop_reason</c> as OpenAI's <c>finish_reason</c>.</summary>
internal static class AnthropicStopReasons
{
    public static string ToFinishReason(string? stopReason) => stopReason switch
    {
        "max_tokens" or "model_context_window_exceeded" => "length",
        "tool_use" => "tool_calls",
        "refusal" => "content_filter",
        _ => "stop", // end_turn, stop_sequence, pause_turn, and any reason added later
    };
}
