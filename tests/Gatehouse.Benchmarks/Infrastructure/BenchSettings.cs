using System.Globalization;

namespace Gatehouse.Benchmarks.Infrastructure;

/// <summary>
/// The benchmark's name (first argument, default <c>limits</c>) and its knobs: <c>--name value</c>, else
/// <c>GATEHOUSE_BENCH_NAME</c> in the environment (dashes become underscores), else the default. An option no
/// benchmark read is an error, so a typo cannot silently run the defaults.
/// </summary>
public sealed class BenchSettings
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private BenchSettings(string benchmark, Dictionary<string, string> options)
    {
        Benchmark = benchmark;
        _options = options;
    }

    public string Benchmark { get; }

    public static BenchSettings Parse(string[] args)
    {
        var named = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = named ? 1 : 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected '--name value', got '{args[i]}'");
            }

            options[args[i][2..]] = args[i + 1];
        }

        return new BenchSettings(named ? args[0] : "limits", options);
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var value)
            ? value
            : Environment.GetEnvironmentVariable("GATEHOUSE_BENCH_" + name.Replace('-', '_').ToUpperInvariant());
    }

    public double Number(string name, double defaultValue) =>
        Text(name) is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    public int Count(string name, int defaultValue) => checked((int)Number(name, defaultValue));

    /// <summary>Call after every option was read.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(name => !_read.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(name => "--" + name))}; known: {string.Join(", ", _read.Select(name => "--" + name))}");
        }
    }
}
