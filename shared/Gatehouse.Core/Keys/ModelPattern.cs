namespace Gatehouse.Keys;

/// <summary>
/// A key's allow-list entry: an exact alias (<c>gpt-4o-mini</c>), <c>*</c> for all, or a pattern where <c>*</c>
/// stands for any run of characters (<c>gpt-4o*</c>, <c>claude-*-haiku</c>). Matching is ordinal: aliases are ids.
/// </summary>
public static class ModelPattern
{
    public const string All = "*";
    public const int MaxLength = 128;

    public static bool IsPattern(string entry) => entry.Contains('*', StringComparison.Ordinal);

    /// <summary>Entries use alias characters (letters, digits, <c>-._:/</c>) plus <c>*</c>; anything else is a typo.</summary>
    public static bool IsWellFormed(string entry) =>
        entry.Length is > 0 and <= MaxLength && entry.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':' or '/' or '*');

    public static bool Matches(string pattern, string alias)
    {
        if (!IsPattern(pattern))
        {
            return string.Equals(pattern, alias, StringComparison.Ordinal);
        }

        var parts = pattern.Split('*');
        if (!alias.StartsWith(parts[0], StringComparison.Ordinal) || !alias.EndsWith(parts[^1], StringComparison.Ordinal)
            || alias.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        // Middle parts in order, greedily leftmost: enough for '*' globs, and linear in the alias length.
        var position = parts[0].Length;
        var end = alias.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = alias.IndexOf(parts[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }
}
