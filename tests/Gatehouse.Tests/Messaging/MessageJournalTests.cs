using Gatehouse.Messaging.Journal;

namespace Gatehouse.Tests.Messaging;

/// <summary>The journal on a real temporary directory: what is appended comes back, what is acknowledged goes.</summary>
public sealed class MessageJournalTests : IDisposable
{
    private const string Queue = "test-queue";
    private readonly string _root = Directory.CreateTempSubdirectory("gatehouse-journal-tests-").FullName;

    [Fact]
    public void TryAppend_ThenRead_ReturnsTheLine()
    {
        using var journal = Open();

        var entry = journal.TryAppend("{\"id\":\"a\",\"text\":\"é\"}");

        Assert.NotNull(entry);
        Assert.Equal("{\"id\":\"a\",\"text\":\"é\"}", journal.Read(entry));
    }

    [Fact]
    public void Open_LeftoverOfAStoppedInstance_RecoversItsLinesInWriteOrder()
    {
        var lines = Enumerable.Range(0, 30).Select(i => $"line-{i}-" + new string('x', 100)).ToList();
        using (var first = Open(segmentBytes: 1_000))
        {
            Assert.All(lines, line => Assert.NotNull(first.TryAppend(line)));
        }

        using var second = Open();

        Assert.True(Segments().Count > 1, "the lines should span several segments");
        Assert.Equal(lines, second.Recovered.Select(second.Read));
    }

    [Fact]
    public void Open_LastLineTornByACrash_SkipsOnlyThatLine()
    {
        using (var first = Open())
        {
            first.TryAppend("whole-1");
            first.TryAppend("whole-2");
        }

        File.AppendAllText(Assert.Single(Segments()), "{\"id\":\"cut sho");

        using var second = Open();

        Assert.Equal(["whole-1", "whole-2"], second.Recovered.Select(second.Read));
        Assert.Equal(1, second.TornLines);
    }

    [Fact]
    public void Acknowledge_EveryLineOfAFullSegment_DeletesTheFile()
    {
        using var journal = Open(segmentBytes: 1_000);
        var entries = Enumerable.Range(0, 10).Select(i => journal.TryAppend(new string('a', 200))!).ToList();
        var full = entries[0].Segment;
        var inFull = entries.Where(e => e.Segment == full).ToList();
        Assert.InRange(inFull.Count, 2, entries.Count - 1);

        inFull.SkipLast(1).ToList().ForEach(journal.Acknowledge);
        Assert.True(File.Exists(full.Path), "a segment with an unsent line must stay");
        journal.Acknowledge(inFull[^1]);

        Assert.False(File.Exists(full.Path));
        Assert.Equal((entries.Count - inFull.Count) * 201, journal.Bytes);
    }

    [Fact]
    public void Dispose_EverythingAcknowledged_LeavesNothingToReplay()
    {
        using (var first = Open())
        {
            var entries = Enumerable.Range(0, 5).Select(i => first.TryAppend($"line-{i}")!).ToList();
            entries.ForEach(first.Acknowledge);
            Assert.Equal(0, first.Bytes);
        }

        using var second = Open();

        Assert.Empty(second.Recovered);
        Assert.Empty(Segments());
    }

    [Fact]
    public void Open_WhileTheOwnerRuns_DoesNotAdoptItsLines()
    {
        using var owner = Open();
        owner.TryAppend("owned");

        using (var other = Open())
        {
            Assert.Empty(other.Recovered);
        }

        owner.Dispose();
        using var successor = Open();
        Assert.Equal(["owned"], successor.Recovered.Select(successor.Read));
    }

    [Fact]
    public void Acknowledge_EveryRecoveredLine_RemovesTheAdoptedDirectory()
    {
        using (var first = Open())
        {
            first.TryAppend("a");
            first.TryAppend("b");
        }

        using var second = Open();
        Assert.Equal(2, Directory.GetDirectories(QueueRoot).Length);

        foreach (var entry in second.Recovered)
        {
            second.Acknowledge(entry);
        }

        Assert.Single(Directory.GetDirectories(QueueRoot));
        Assert.Empty(Segments());
        Assert.Equal(0, second.Bytes);
    }

    [Fact]
    public void TryAppend_PastMaxBytes_RefusesUntilTheLinesAreSent()
    {
        using var journal = Open(maxBytes: 1_000);
        var accepted = new List<JournalEntry>();
        while (journal.TryAppend(new string('z', 99)) is { } entry)
        {
            accepted.Add(entry);
        }

        Assert.Equal(10, accepted.Count);
        Assert.True(journal.Bytes <= 1_000);

        accepted.ForEach(journal.Acknowledge);
        Assert.Equal(0, journal.Bytes);
        Assert.NotNull(journal.TryAppend(new string('z', 99)));
    }

    [Fact]
    public void JournaledBatch_ToLineThenParse_RoundTrips()
    {
        var batch = new JournaledBatch("0123abcd", "20261122", "{\"id\":\"0123abcd\",\"events\":[{\"note\":\"a\\tb\"}]}");

        Assert.Equal(batch, JournaledBatch.Parse(batch.ToLine()));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string QueueRoot => Path.Combine(_root, Queue);

    private MessageJournal Open(long maxBytes = 1 << 20, long segmentBytes = 64 * 1024) =>
        MessageJournal.Open(new JournalSettings(_root, maxBytes, segmentBytes, FlushToDisk: false), Queue);

    private List<string> Segments() => Directory.GetFiles(QueueRoot, "*.log", SearchOption.AllDirectories).ToList();
}
