using System.Globalization;
using System.Text;

namespace Gatehouse.Storage;

/// <summary>Turns free text (a model alias, an alert id) into something Table Storage accepts in a PartitionKey or RowKey.</summary>
public static class TableKeys
{
    /// <summary>
    /// Percent-encodes what a key may not hold (<c>/ \ # ?</c>, control characters) and, as <c>%XX</c>, each of
    /// <paramref name="reserved"/> (which must include <c>%</c> itself, so encoded keys cannot collide). Plain text is
    /// returned unchanged. Control characters are all below U+00A0, so two hex digits hold every escaped one.
    /// </summary>
    public static string Escape(string value, string reserved)
    {
        if (!value.Any(c => NeedsEscape(c, reserved)))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c, reserved))
            {
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c, string reserved) =>
        c is '/' or '\\' or '#' or '?' || char.IsControl(c) || reserved.Contains(c, StringComparison.Ordinal);
}
