using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// How the CLI prints: aligned tables and one-line records for people, the API's JSON with <c>--json</c>, errors on
/// stderr. Exit codes: 0 done, 1 the API refused or could not be reached, 2 the command line was wrong.
/// </summary>
internal sealed class CliConsole(TextWriter output, TextWriter error, bool json, string? command = null)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public TextWriter Output => output;

    public bool Json => json;

    /// <summary>The message, then the usage of the command at hand (all of it when the command is unknown).</summary>
    public async Task<int> UsageErrorAsync(string message)
    {
        var section = command is null ? null : CliApp.UsageOf(command);
        await error.WriteLineAsync(section is null
            ? $"{message}\n\n{CliApp.UsageText}"
            : $"{message}\n\nusage:\n{section}\n\n'gatehouse help' lists every command and the options they share.");
        return 2;
    }

    public async Task<int> FailedAsync(AdminApiResult result)
    {
        await error.WriteLineAsync($"error: {result.ErrorText}");
        return 1;
    }

    /// <summary>The end of every API command: the error, the raw JSON with --json, or <paramref name="human"/>'s view.</summary>
    public async Task<int> ShowAsync(AdminApiResult result, Func<JsonNode?, Task> human)
    {
        if (!result.IsSuccess)
        {
            return await FailedAsync(result);
        }

        await (json ? PrintJsonAsync(result.Json) : human(result.Json));
        return 0;
    }

    public Task PrintJsonAsync(JsonNode? node) => output.WriteLineAsync(node?.ToJsonString(Indented) ?? "null");

    /// <summary>A secret the API returns only once; said plainly so nobody expects to see it again.</summary>
    public async Task PrintSecretAsync(JsonNode? issued, string label = "Secret", string? caveat = null)
    {
        await output.WriteLineAsync($"{label} (shown once; store it now{(caveat is null ? "" : $"; {caveat}")}):");
        await output.WriteLineAsync(issued?["key"]?.ToString());
    }

    /// <summary>One record on one line: its id, then <c>field=value</c> for each named field that has a value.</summary>
    public Task PrintRecordAsync(JsonNode? record, params string[] fields)
    {
        var cells = fields.Select(f => (Name: f, Value: Cell(record?[f]))).Where(c => c.Value.Length > 0).Select(c => $"{c.Name}={c.Value}");
        return output.WriteLineAsync(string.Join("  ", cells.Prepend(Cell(record?["id"]))));
    }

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
        JsonObject map => string.Join(",", map.Where(p => p.Value is not null).Select(p => $"{p.Key}={p.Value}")),
        _ => node.ToString(),
    };
}
