namespace Gatehouse.Guardrails;

/// <summary>
/// A finding whose text is to be replaced, and how: <see cref="GuardrailAction.Redact"/> or
/// <see cref="GuardrailAction.Mask"/>. The policy decides it; the redaction classes carry it out.
/// </summary>
public sealed record GuardrailRewrite(DetectorFinding Finding, GuardrailAction Action)
{
    public int Start => Finding.Start;

    public int End => Finding.Start + Finding.Length;
}
