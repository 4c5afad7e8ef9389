using System.Text.Json;

namespace Gatehouse.Cli;

/// <summary>
/// Reads a PII evaluation file: JSON Lines of <c>{"text": "...", "spans": [{"start", "end", "type", "value"?}]}</c>,
/// other fields ignored, blank lines skipped. Offsets count Unicode code points (Python's string indices), so they are
/// converted to UTF-16 indices here; a span's <c>value</c>, when given, must equal the text it points at, which catches
/// files written with other offsets. Problems come back as one message naming the line, never quoting the text.
/// </summary>
internal static class PiiEvalReader
{
    public static async Task<(IReadOnlyList<PiiEvalRecord>? Records, string? Error)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return (null, $"cannot read '{path}': no such file.");
        }

        var records = new List<PiiEvalRecord>();
        var line = 0;
        try
        {
            await foreach (var json in File.ReadLinesAsync(path, cancellationToken))
            {
                line++;
                if (string.IsNullOrWhiteSpace(json))
                {
                    continue;
                }

                var (record, error) = Parse(line, json);
                if (error is not null)
                {
                    return (null, $"{path}, line {line}: {error}");
                }

                records.Add(record!);
            }
        }
        catch (IOException e)
        {
            return (null, $"cannot read '{path}': {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return (null, $"cannot read '{path}': {e.Message}");
        }

        return (records, null);
    }

    private static (PiiEvalRecord? Record, string? Error) Parse(int line, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return (null, "not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "not a JSON object.");
            }

            if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
            {
                return (null, "\"text\" is missing or not a string.");
            }

            if (!root.TryGetProperty("spans", out var spansElement) || spansElement.ValueKind != JsonValueKind.Array)
            {
                return (null, "\"spans\" is missing or not an array.");
            }

            var text = textElement.GetString()!;
            var offsets = CodePointOffsets(text);
            var spans = new List<PiiEvalSpan>();
            var index = 0;
            foreach (var span in spansElement.EnumerateArray())
            {
                var (parsed, error) = ParseSpan(span, text, offsets);
                if (error is not null)
                {
                    return (null, $"span {index}: {error}");
                }

                spans.Add(parsed);
                index++;
            }

            return (new PiiEvalRecord(line, text, spans), null);
        }
    }

    private static (PiiEvalSpan Span, string? Error) ParseSpan(JsonElement span, string text, int[] offsets)
    {
        if (span.ValueKind != JsonValueKind.Object
            || !span.TryGetProperty("start", out var startElement) || startElement.ValueKind != JsonValueKind.Number || !startElement.TryGetInt32(out var start)
            || !span.TryGetProperty("end", out var endElement) || endElement.ValueKind != JsonValueKind.Number || !endElement.TryGetInt32(out var end))
        {
            return (default, "needs integer \"start\" and \"end\".");
        }

        if (!span.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(typeElement.GetString()))
        {
            return (default, "needs a \"type\" string.");
        }

        var codePoints = offsets.Length - 1;
        if (start < 0 || end <= start || end > codePoints)
        {
            return (default, $"start {start} and end {end} are not a span of the text ({codePoints} code points).");
        }

        var result = new PiiEvalSpan(offsets[start], offsets[end], typeElement.GetString()!);
        if (span.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
            && !text.AsSpan(result.Start, result.End - result.Start).SequenceEqual(value.GetString()))
        {
            return (default, $"\"value\" differs from the text at {start}..{end} (offsets must count code points).");
        }

        return (result, null);
    }

    /// <summary>The UTF-16 index of each code point, and the text's length at the end.</summary>
    private static int[] CodePointOffsets(string text)
    {
        var offsets = new List<int>(text.Length + 1);
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            offsets.Add(index);
            index += rune.Utf16SequenceLength;
        }

        offsets.Add(text.Length);
        return [.. offsets];
    }
}
