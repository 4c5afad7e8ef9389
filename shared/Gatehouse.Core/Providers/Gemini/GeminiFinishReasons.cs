namespace Gatehouse.Providers.Gemini;

/// <summary>Gemini's <c>finishReason</c> as OpenAI's <c>finish_reason</c>.</summary>
internal static class GeminiFinishReasons
{
    public const string ContentFilter = "content_filter";

    public static string ToOpenAI(string? finishReason, bool calledFunctions) => finishReason switch
    {
        "MAX_TOKENS" => "length",
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ContentFilter,
        // STOP, and the rest (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL...): the model is done, for better or worse.
        _ => calledFunctions ? "tool_calls" : "stop",
    };
}
