namespace Gatehouse.Guardrails;

/// <summary>Which way the inspected text travels: the request's prompt, or the model's answer.</summary>
public enum GuardrailDirection
{
    Input,
    Output,
}
