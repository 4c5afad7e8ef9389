namespace Gatehouse.Cli;

/// <summary>
/// Positional words and <c>--name value</c> options (also <c>--name=value</c>); <c>--json</c> and <c>--no-expiry</c>
/// are flags. An option given twice keeps both values (<c>--meta a=1 --meta b=2</c>); <see cref="Option"/> reads the last.
/// </summary>
internal sealed class CliArguments
{
    /// <summary>Accepted by every admin command.</summary>
    private static readonly string[] GlobalOptions = ["--url", "--admin-key"];

    private static readonly HashSet<string> Flags = ["--json", "--help", "-h", "--no-expiry"];
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArguments(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    public bool Json => _flags.Contains("--json");

    public bool Help => _flags.Contains("--help") || _flags.Contains("-h");

    public static CliArguments Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var result = new CliArguments([]);
        var positional = (List<string>)result.Positional;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (Flags.Contains(arg))
            {
                result._flags.Add(arg);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    result.Add(arg[..equals], arg[(equals + 1)..]);
                }
                else if (i + 1 < args.Count)
                {
                    result.Add(arg, args[++i]);
                }
                else
                {
                    error = $"{arg} needs a value.";
                }
            }
            else
            {
                positional.Add(arg);
            }
        }

        return result;
    }

    public string? Option(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    /// <summary>Every value of an option that may repeat, in the order given.</summary>
    public IReadOnlyList<string> Options(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The first option or flag a command does not know (besides --url, --admin-key, --json), or null.</summary>
    public string? FirstUnknown(params string[] known) =>
        _options.Keys.Concat(_flags.Where(f => f.StartsWith("--", StringComparison.Ordinal) && f is not "--json" and not "--help"))
            .FirstOrDefault(name => !known.Contains(name) && !GlobalOptions.Contains(name));

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var values))
        {
            _options[name] = values = [];
        }

        values.Add(value);
    }
}
