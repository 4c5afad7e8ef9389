namespace Gatehouse.Guardrails;

/// <summary>
/// What a policy rule does with a request whose input has a finding of its type. When several apply, the strongest wins:
/// <see cref="Block"/>, then <see cref="Fallback"/>, then <see cref="Flag"/>.
/// </summary>
public enum GuardrailAction
{
    /// <summary>Refuse the request: 400 <c>guardrail_blocked</c>; the provider is never called.</summary>
    Block,

    /// <summary>Serve the request as usual; the finding is recorded (header, audit).</summary>
    Flag,

    /// <summary>Serve the request with the model alias the rule names instead (e.g. one with stricter safety settings).</summary>
    Fallback,
}
