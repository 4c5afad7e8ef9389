using Microsoft.Extensions.Logging;

namespace Gatehouse.Messaging.Journal;

/// <summary>What the journaled senders log: queue names, batch ids, request ids and counts; never message content.</summary>
internal static partial class JournalLog
{
    [LoggerMessage(EventId = 9011, Level = LogLevel.Warning, Message = "Queue {Queue}: re-sending {Batches} batches journaled by earlier runs ({TornLines} torn lines skipped)")]
    public static partial void Recovered(ILogger logger, string queue, int batches, int tornLines);

    [LoggerMessage(EventId = 9012, Level = LogLevel.Error, Message = "Queue {Queue}: journal full at {Bytes} bytes; batch {BatchId} of {Items} items (first {FirstId}) dropped ({Dropped} items dropped so far)")]
    public static partial void JournalFull(ILogger logger, string queue, long bytes, string batchId, int items, string firstId, long dropped);

    [LoggerMessage(EventId = 9013, Level = LogLevel.Error, Message = "Queue {Queue}: journal write failed; batch {BatchId} of {Items} items (first {FirstId}) dropped: {Reason}")]
    public static partial void WriteFailed(ILogger logger, string queue, string batchId, int items, string firstId, string reason);

    [LoggerMessage(EventId = 9014, Level = LogLevel.Error, Message = "Queue {Queue}: journaled batch unreadable, skipped: {Reason}")]
    public static partial void Unreadable(ILogger logger, string queue, string reason);

    [LoggerMessage(EventId = 9015, Level = LogLevel.Error, Message = "Queue {Queue}: item {ItemId} dropped: {Bytes} bytes is over the queue's message limit")]
    public static partial void TooLarge(ILogger logger, string queue, string itemId, int bytes);

    [LoggerMessage(EventId = 9016, Level = LogLevel.Warning, Message = "Queue {Queue}: stopping with batches unsent; they stay journaled and are sent on the next start")]
    public static partial void LeftJournaled(ILogger logger, string queue);
}
