namespace Gatehouse.Providers.Gemini;

/// <summary>
/// Gemini 3 models reject a replayed function call that lacks the <c>thoughtSignature</c> their answer carried (400,
/// "Function call is missing a thought_signature"). OpenAI-shaped clients have nowhere to keep that signature, so the
/// replayed calls carry Google's documented placeholder that skips the check instead. Models known to predate
/// signatures (1.x, 2.x) are sent none; any other name (3.x and later, <c>-latest</c> aliases) gets the placeholder.
/// </summary>
internal static class GeminiThoughtSignatures
{
    public const string SkipValidator = "skip_thought_signature_validator";

    public static bool ReplayedCallsNeedOne(string model) =>
        !(model.StartsWith("gemini-1", StringComparison.OrdinalIgnoreCase) || model.StartsWith("gemini-2", StringComparison.OrdinalIgnoreCase));
}
