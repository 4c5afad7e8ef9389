using System.Text;

namespace Gatehouse.Guardrails.Redaction;

/// <summary>
/// How replaced text reads: <c>[REDACTED_EMAIL]</c> for a redacted value, <c>[EMAIL_1]</c> for a masked one. The type
/// is spelled in upper-case letters, digits and underscores (anything else becomes an underscore), so a placeholder
/// never holds a bracket, a quote or white space: it survives JSON escaping and is one word to a model.
/// </summary>
public static class PlaceholderFormat
{
    public static string Redacted(string type) => $"[REDACTED_{Name(type)}]";

    public static string Masked(string typeName, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{typeName}_{number}]");

    /// <summary>The type as placeholders spell it, e.g. <c>EMAIL</c>; <c>VALUE</c> when nothing is left of it.</summary>
    public static string Name(string type)
    {
        var name = new StringBuilder(type.Length);
        foreach (var c in type)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return name.Length == 0 ? "VALUE" : name.ToString();
    }
}
