namespace Gatehouse.Guardrails;

/// <summary>
/// What a policy rule does with a finding of its type. For the request as a whole the strongest wins: <see cref="Block"/>,
/// then <see cref="Fallback"/>, then <see cref="Redact"/> and <see cref="Mask"/>, then <see cref="Flag"/>. Redact and
/// mask act on each finding their rule names, also when the request falls back (not when it is blocked).
/// </summary>
public enum GuardrailAction
{
    /// <summary>Refuse the request (400 <c>guardrail_blocked</c>; the provider is never called), or the answer.</summary>
    Block,

    /// <summary>Serve the request as usual; the finding is recorded (header, audit).</summary>
    Flag,

    /// <summary>Serve the request with the model alias the rule names instead (e.g. one with stricter safety settings). Input only.</summary>
    Fallback,

    /// <summary>Replace the found text with <c>[REDACTED_&lt;TYPE&gt;]</c>, for good.</summary>
    Redact,

    /// <summary>
    /// Replace the found text with a placeholder <c>[&lt;TYPE&gt;_&lt;n&gt;]</c>, the same for the same value across the request,
    /// and put the value back where the answer repeats the placeholder. On an answer (nothing to put back) it redacts.
    /// </summary>
    Mask,
}
