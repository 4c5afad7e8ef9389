using System.Globalization;

namespace Gatehouse.Cli;

/// <summary>
/// Durations as people type them: whole seconds (<c>3600</c>) or a whole number with <c>s</c>, <c>m</c>, <c>h</c> or
/// <c>d</c> (<c>90s</c>, <c>30m</c>, <c>1h</c>, <c>7d</c>). No fractions or combinations, so a typo cannot be read
/// as some other length.
/// </summary>
internal static class CliDuration
{
    public const string Rule = "whole seconds (3600) or a whole number with s, m, h or d (90s, 30m, 1h, 7d)";

    public static bool TryParseSeconds(string text, out long seconds)
    {
        seconds = 0;
        var hasUnit = text.Length > 0 && char.IsAsciiLetter(text[^1]);
        var unit = hasUnit ? char.ToLowerInvariant(text[^1]) : 's';
        var number = hasUnit ? text[..^1] : text;
        long scale = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        if (scale == 0 || number.Length == 0 || !number.All(char.IsAsciiDigit)
            || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > long.MaxValue / scale)
        {
            return false;
        }

        seconds = count * scale;
        return true;
    }
}
