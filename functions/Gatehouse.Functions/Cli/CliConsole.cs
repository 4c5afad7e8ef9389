using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>How the CLI prints: aligned tables for people, the API's JSON with <c>--json</c>, errors on stderr.</summary>
internal sealed class CliConsole(TextWriter output, TextWriter error, bool json)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public TextWriter Output => output;

    public bool Json => json;

    public async Task<int> UsageErrorAsync(string message)
    {
        await error.WriteLineAsync($"{message}\n\n{CliApp.UsageText}");
        return 2;
    }

    public async Task<int> FailedAsync(AdminApiResult result)
    {
        await error.WriteLineAsync($"error: {result.ErrorText}");
        return 1;
    }

    public Task PrintJsonAsync(JsonNode? node) => output.WriteLineAsync(node?.ToJsonString(Indented) ?? "null");

    /// <summary>Prints the <c>data</c> of a list response as a table of the named fields.</summary>
    public async Task PrintTableAsync(JsonNode? list, params string[] fields)
    {
        var rows = (list?["data"]?.AsArray() ?? []).Select(item => fields.Select(f => Cell(item?[f])).ToArray()).ToList();
        var widths = fields.Select((f, i) => rows.Select(r => r[i].Length).Append(f.Length).Max()).ToArray();
        await output.WriteLineAsync(string.Join("  ", fields.Select((f, i) => f.ToUpperInvariant().PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }

    private static string Cell(JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Join(",", array.Select(a => a?.ToString())),
        _ => node.ToString(),
    };
}
