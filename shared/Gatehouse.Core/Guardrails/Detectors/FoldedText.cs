namespace Gatehouse.Guardrails.Detectors;

/// <summary>
/// Text as <see cref="UnicodeFolding"/> folded it, with where in the original each of its characters came from, so
/// a match in the folded text can be reported at the original's offsets. <paramref name="starts"/> is null when
/// folding changed nothing.
/// </summary>
internal sealed class FoldedText(string text, string original, int[]? starts)
{
    /// <summary>The folded text.</summary>
    public string Text { get; } = text;

    /// <summary>The span of the original text that a (non-empty) span of <see cref="Text"/> came from.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        if (starts is null)
        {
            return (start, length);
        }

        var last = starts[start + length - 1];
        var lastWidth = char.IsHighSurrogate(original[last]) && last + 1 < original.Length && char.IsLowSurrogate(original[last + 1]) ? 2 : 1;
        return (starts[start], last + lastWidth - starts[start]);
    }
}
