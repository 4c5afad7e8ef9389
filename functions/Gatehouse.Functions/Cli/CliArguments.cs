namespace Gatehouse.Cli;

/// <summary>Positional words and <c>--name value</c> options (also <c>--name=value</c>); <c>--json</c> is a flag.</summary>
internal sealed class CliArguments
{
    private static readonly HashSet<string> Flags = ["--json", "--help", "-h"];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
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
                    result._options[arg[..equals]] = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    result._options[arg] = args[++i];
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

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public IEnumerable<string> UnknownOptions(params string[] known) => _options.Keys.Except(known);
}
