namespace Gatehouse.Benchmarks.Infrastructure;

/// <summary>A plain text table: the first column left-aligned, the figures right-aligned, two spaces apart.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [headers];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        var widths = Enumerable.Range(0, headers.Length).Select(column => _rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in _rows)
        {
            var cells = row.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]));
            output.WriteLine("  " + string.Join("  ", cells).TrimEnd());
        }
    }
}
