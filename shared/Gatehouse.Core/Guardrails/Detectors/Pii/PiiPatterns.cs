namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>Settings every recognizer's regexes share.</summary>
internal static class PiiPatterns
{
    /// <summary>
    /// A match timeout for each regex, in milliseconds: the patterns are linear or nearly so, and this bounds them
    /// regardless. A timeout throws, which the guardrail pipeline reports as a failed detector (fail closed).
    /// </summary>
    public const int TimeoutMs = 250;
}
