namespace Gatehouse.Messaging.Journal;

/// <summary>
/// One journal line: <c>{id}\t{yyyyMMdd}\t{message JSON}</c>. The id and the day the batch was made are kept beside
/// the text so that a replay, even on a later day, sends the same id and overwrites the same overflow blob. JSON text
/// never holds a raw tab or newline (both are escaped), so the line splits unambiguously.
/// </summary>
internal sealed record JournaledBatch(string Id, string Day, string Text)
{
    public string ToLine() => $"{Id}\t{Day}\t{Text}";

    public static JournaledBatch Parse(string line)
    {
        var first = line.IndexOf('\t', StringComparison.Ordinal);
        var second = first < 0 ? -1 : line.IndexOf('\t', first + 1);
        if (second < 0)
        {
            throw new InvalidDataException("A journal line has no batch id and day.");
        }

        return new JournaledBatch(line[..first], line[(first + 1)..second], line[(second + 1)..]);
    }
}
