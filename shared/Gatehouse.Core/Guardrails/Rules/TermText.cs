using Gatehouse.Guardrails.Detectors;

namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// A segment's text as deny-list terms are compared with it: folded as the global deny list folds it
/// (<see cref="UnicodeFolding"/>: compatibility forms, accents, zero-width characters) and every run of white space
/// made one space, so a phrase matches across line breaks and double spaces. Keeps the way back to the original's
/// offsets. Built once per segment and shared by all of a tenant's deny-list rules.
/// </summary>
internal sealed class TermText
{
    private readonly FoldedText _folded;
    private readonly int[]? _starts;

    private TermText(FoldedText folded, string text, int[]? starts)
    {
        _folded = folded;
        Text = text;
        _starts = starts;
    }

    public string Text { get; }

    public static TermText From(string original)
    {
        var folded = UnicodeFolding.Fold(original);
        var text = folded.Text;
        if (!HasWhiteSpaceToCollapse(text))
        {
            return new TermText(folded, text, null);
        }

        var chars = new char[text.Length];
        var starts = new int[text.Length]; // where in the folded text each character came from
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var space = char.IsWhiteSpace(text[i]);
            if (space && i > 0 && char.IsWhiteSpace(text[i - 1]))
            {
                continue;
            }

            chars[length] = space ? ' ' : text[i];
            starts[length++] = i;
        }

        return new TermText(folded, new string(chars, 0, length), starts);
    }

    /// <summary>The original text's span for a (non-empty) span of <see cref="Text"/> that neither starts nor ends with a space.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        if (_starts is not null)
        {
            var first = _starts[start];
            (start, length) = (first, _starts[start + length - 1] + 1 - first);
        }

        return _folded.ToOriginal(start, length);
    }

    private static bool HasWhiteSpaceToCollapse(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }
}
