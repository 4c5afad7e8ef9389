namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// One request as the fake received it, recorded before it was answered, so tests can assert what the
/// gateway sent upstream. <paramref name="Headers"/> is case-insensitive; repeated headers are comma-joined.
/// <paramref name="Path"/> excludes the query string, which is in <see cref="Query"/>.
/// </summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The query string including the leading '?', or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>When it arrived, by the fake's clock (<see cref="FakeOpenAIOptions.TimeProvider"/>).</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
