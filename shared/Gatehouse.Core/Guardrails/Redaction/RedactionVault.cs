namespace Gatehouse.Guardrails.Redaction;

/// <summary>
/// One request's masked values and their placeholders, for putting the values back into the answer. The same value
/// always gets the same placeholder within the request (across all its messages), numbered per type in the order
/// first masked; a number whose placeholder already appears in the request's own text is skipped, so text the client
/// sent is never mistaken for a placeholder. Lives only as long as the request; holds the values, so it is never
/// logged, serialised or shared.
/// </summary>
public sealed class RedactionVault(string requestText)
{
    private readonly Dictionary<string, string> _placeholders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

    /// <summary>How many values are masked.</summary>
    public int Count => _values.Count;

    /// <summary>The longest placeholder's length (0 when none).</summary>
    public int LongestPlaceholder { get; private set; }

    /// <summary>The placeholder for <paramref name="value"/>, found as a finding of <paramref name="type"/>.</summary>
    public string Mask(string type, string value)
    {
        if (_placeholders.TryGetValue(value, out var known))
        {
            return known;
        }

        var name = PlaceholderFormat.Name(type);
        var number = _numbers.GetValueOrDefault(name);
        string placeholder;
        do
        {
            placeholder = PlaceholderFormat.Masked(name, ++number);
        }
        while (requestText.Contains(placeholder, StringComparison.Ordinal) || _values.ContainsKey(placeholder));

        _numbers[name] = number;
        _placeholders[value] = placeholder;
        _values[placeholder] = value;
        LongestPlaceholder = Math.Max(LongestPlaceholder, placeholder.Length);
        return placeholder;
    }

    /// <summary>
    /// The text with every placeholder of this vault replaced by its value; <paramref name="jsonEscaped"/> for text
    /// that is itself JSON (tool-call arguments), where the value goes in escaped. Only exact placeholders count:
    /// <c>[EMAIL_1]</c> is never read inside <c>[EMAIL_10]</c>.
    /// </summary>
    public string Restore(string text, bool jsonEscaped = false)
    {
        if (_values.Count == 0)
        {
            return text;
        }

        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        System.Text.StringBuilder? restored = null;
        var copied = 0;
        for (var open = text.IndexOf('['); open >= 0; open = text.IndexOf('[', open + 1))
        {
            var close = text.AsSpan(open, Math.Min(LongestPlaceholder, text.Length - open)).IndexOf(']');
            if (close < 0 || !lookup.TryGetValue(text.AsSpan(open, close + 1), out var value))
            {
                continue;
            }

            restored ??= new System.Text.StringBuilder(text.Length + 32);
            restored.Append(text, copied, open - copied);
            restored.Append(jsonEscaped ? RelaxedJson.Escape(value) : value);
            copied = open + close + 1;
            open = copied - 1;
        }

        return restored is null ? text : restored.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Where text up to <paramref name="cut"/> may be released without cutting a placeholder in two: <paramref name="cut"/>
    /// itself, or the start of a placeholder that runs past it or of one still incomplete at the end of
    /// <paramref name="text"/> (<c>[EMAI</c>), which must wait for the rest.
    /// </summary>
    public int SafeCut(string text, int cut)
    {
        if (_values.Count == 0 || cut <= 0)
        {
            return cut;
        }

        var open = text.LastIndexOf('[', cut - 1);
        if (open < 0 || text.AsSpan(open, cut - open).Contains(']'))
        {
            return cut;
        }

        var rest = text.AsSpan(open);
        foreach (var placeholder in _values.Keys)
        {
            var runsPast = rest.StartsWith(placeholder, StringComparison.Ordinal) && open + placeholder.Length > cut;
            if (runsPast || (rest.Length < placeholder.Length && placeholder.AsSpan().StartsWith(rest, StringComparison.Ordinal)))
            {
                return open;
            }
        }

        return cut;
    }
}
