namespace Gatehouse.Guardrails;

/// <summary>The config names of <see cref="GuardrailAction"/>, also used in headers and audit records.</summary>
public static class GuardrailActions
{
    public const string Block = "block";
    public const string Flag = "flag";
    public const string Fallback = "fallback";
    public const string Redact = "redact";
    public const string Mask = "mask";

    public static IReadOnlyList<string> All { get; } = [Block, Flag, Fallback, Redact, Mask];

    /// <summary>Case-insensitive, so <c>Block</c> in config works too.</summary>
    public static bool TryParse(string? name, out GuardrailAction action)
    {
        action = name?.ToLowerInvariant() switch
        {
            Block => GuardrailAction.Block,
            Flag => GuardrailAction.Flag,
            Fallback => GuardrailAction.Fallback,
            Redact => GuardrailAction.Redact,
            Mask => GuardrailAction.Mask,
            _ => (GuardrailAction)(-1),
        };
        return Enum.IsDefined(action);
    }

    public static string Name(GuardrailAction action) => action switch
    {
        GuardrailAction.Block => Block,
        GuardrailAction.Flag => Flag,
        GuardrailAction.Fallback => Fallback,
        GuardrailAction.Redact => Redact,
        GuardrailAction.Mask => Mask,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>
    /// Which of two actions wins for the request: block, fallback, redact, mask, flag. Redact ranks above mask only so
    /// that the order is total; both are carried out on their own findings whichever wins.
    /// </summary>
    public static int Strength(GuardrailAction action) => action switch
    {
        GuardrailAction.Block => 5,
        GuardrailAction.Fallback => 4,
        GuardrailAction.Redact => 3,
        GuardrailAction.Mask => 2,
        _ => 1,
    };

    /// <summary>Whether the action rewrites the text of its findings.</summary>
    public static bool Rewrites(GuardrailAction action) => action is GuardrailAction.Redact or GuardrailAction.Mask;
}
