namespace Gatehouse.Guardrails;

/// <summary>The config names of <see cref="GuardrailAction"/>, also used in headers and audit records.</summary>
public static class GuardrailActions
{
    public const string Block = "block";
    public const string Flag = "flag";
    public const string Fallback = "fallback";

    public static IReadOnlyList<string> All { get; } = [Block, Flag, Fallback];

    /// <summary>Case-insensitive, so <c>Block</c> in config works too.</summary>
    public static bool TryParse(string? name, out GuardrailAction action)
    {
        action = name?.ToLowerInvariant() switch
        {
            Block => GuardrailAction.Block,
            Flag => GuardrailAction.Flag,
            Fallback => GuardrailAction.Fallback,
            _ => (GuardrailAction)(-1),
        };
        return Enum.IsDefined(action);
    }

    public static string Name(GuardrailAction action) => action switch
    {
        GuardrailAction.Block => Block,
        GuardrailAction.Flag => Flag,
        GuardrailAction.Fallback => Fallback,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>Which of two actions wins: block, then fallback, then flag.</summary>
    public static int Strength(GuardrailAction action) => action switch
    {
        GuardrailAction.Block => 3,
        GuardrailAction.Fallback => 2,
        _ => 1,
    };
}
