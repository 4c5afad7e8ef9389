namespace Gatehouse.Guardrails;

/// <summary>
/// The config names of a rule's direction (<see cref="GuardrailRuleOptions.Direction"/>), also used in audit records:
/// <c>input</c>, <c>output</c>, or <c>both</c> (the default), which a rule holds as null.
/// </summary>
public static class GuardrailDirections
{
    public const string Input = "input";
    public const string Output = "output";
    public const string Both = "both";

    public static IReadOnlyList<string> All { get; } = [Input, Output, Both];

    /// <summary>Case-insensitive; empty means both. <paramref name="direction"/> is null for both.</summary>
    public static bool TryParse(string? name, out GuardrailDirection? direction)
    {
        direction = null;
        switch (string.IsNullOrWhiteSpace(name) ? Both : name.ToLowerInvariant())
        {
            case Both:
                return true;
            case Input:
                direction = GuardrailDirection.Input;
                return true;
            case Output:
                direction = GuardrailDirection.Output;
                return true;
            default:
                return false;
        }
    }

    public static string Name(GuardrailDirection direction) => direction == GuardrailDirection.Output ? Output : Input;
}
