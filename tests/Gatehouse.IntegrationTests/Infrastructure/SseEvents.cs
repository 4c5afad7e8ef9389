using System.Text.Json.Nodes;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>The data of every server-sent event of a whole response, and the text its chunks carry.</summary>
public static class SseEvents
{
    public static async Task<List<string>> ReadAllAsync(HttpResponseMessage response)
    {
        var events = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }

        return events;
    }

    /// <summary>The concatenated <c>delta.content</c> of the chunk events (not <c>[DONE]</c>, not error events).</summary>
    public static string Text(IEnumerable<string> events) => string.Concat(events
        .Where(e => e != "[DONE]")
        .Select(e => JsonNode.Parse(e)!)
        .Select(chunk => chunk["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>()));
}
