using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Gatehouse.Messaging.Journal;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Messaging;

/// <summary>
/// The engine of the audit and usage publishers. Items wait in a bounded memory buffer; one loop takes them in
/// batches, splits a batch while its text is over the size limit, and appends each message to the local
/// <see cref="MessageJournal"/> before anything is sent (write-ahead). Several senders then read journaled messages
/// back and send them, retrying with backoff while the queue is unreachable; a message is acknowledged (and its file
/// eventually deleted) only once the queue has it. So an outage piles batches up on disk, not in memory, and the
/// buffer keeps draining. A single item too large for a message goes to an overflow blob with a pointer in the queue.
/// </summary>
internal sealed class JournaledQueueSender<T> : IDisposable
{
    /// <summary>What the queue service accepts (base64 text).</summary>
    public const int QueueMessageLimitBytes = 64 * 1024;

    private readonly JournaledQueue<T> _queue;
    private readonly StorageClients _storage;
    private readonly JournalSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PublishBuffer<T> _buffer;
    private readonly Channel<JournalEntry> _journaled = Channel.CreateUnbounded<JournalEntry>();
    private readonly Lock _gate = new();
    private MessageJournal? _journal;
    private Task? _running;
    private long _notJournaled;
    private volatile bool _givenUp;

    public JournaledQueueSender(JournaledQueue<T> queue, StorageClients storage, JournalSettings settings, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _storage = storage;
        _settings = settings;
        _time = time;
        _logger = logger;
        _buffer = new PublishBuffer<T>(queue.Capacity);
    }

    /// <summary>Items refused by the full buffer.</summary>
    public long BufferDropped => _buffer.Dropped;

    /// <summary>Items not sent: refused by the full buffer, alone too large (without overflow), or refused by the full journal.</summary>
    public long Dropped => _buffer.Dropped + Interlocked.Read(ref _notJournaled);

    /// <summary>Bytes the journal holds on disk now (0 before it is opened).</summary>
    public long JournalBytes => _journal?.Bytes ?? 0;

    /// <inheritdoc cref="PublishBuffer{T}.TryWrite"/>
    public bool TryWrite(T item, out bool report) => _buffer.TryWrite(item, out report);

    /// <summary>
    /// Locks this instance's journal directory and queues what earlier runs left unsent. Called at start, so that an
    /// unusable journal path stops the host rather than running without the journal.
    /// </summary>
    public void Open()
    {
        MessageJournal journal;
        lock (_gate)
        {
            if (_journal is not null)
            {
                return;
            }

            journal = _journal = MessageJournal.Open(_settings, JournalFolder());
        }

        if (journal.Recovered.Count > 0 || journal.TornLines > 0)
        {
            JournalLog.Recovered(_logger, _queue.QueueName, journal.Recovered.Count, journal.TornLines);
        }

        foreach (var entry in journal.Recovered)
        {
            _journaled.Writer.TryWrite(entry);
        }
    }

    /// <summary>No more items: the run journals what is buffered, tries to send it, and ends.</summary>
    public void Complete() => _buffer.Complete();

    /// <summary>Batches, journals and sends until <see cref="Complete"/> and the buffer is drained.</summary>
    /// <param name="stoppingToken">Once cancelled, a failed send is not retried: the rest stays journaled for the next start.</param>
    public Task RunAsync(CancellationToken stoppingToken)
    {
        Open();
        lock (_gate)
        {
            return _running ??= RunCoreAsync(_journal!, stoppingToken);
        }
    }

    /// <summary>
    /// <c>{storage account}/{queue}</c>: batches are only ever adopted by a process sending to the same storage account,
    /// never replayed into another deployment's that shares the journal path. The account, not the endpoint: a restart
    /// may reach the same account by another route (a private endpoint, or the emulator on another port).
    /// </summary>
    private string JournalFolder() => Path.Combine(_storage.Queue(_queue.QueueName).AccountName, _queue.QueueName);

    public void Dispose()
    {
        _buffer.Complete();
        lock (_gate)
        {
            // A run closes the journal itself when it ends.
            if (_running is null)
            {
                _journal?.Dispose();
            }
        }
    }

    private async Task RunCoreAsync(MessageJournal journal, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var sender = new QueueSender(_storage.Queue(_queue.QueueName), _time, _logger);
        var overflow = new QueueOverflow(_storage);
        var senders = Enumerable.Range(0, _queue.Senders).Select(_ => SendLoopAsync(journal, sender, overflow, stoppingToken)).ToList();
        try
        {
            while (await BatchCollector.NextAsync(_buffer.Reader, _queue.MaxItemsPerMessage, _queue.BatchWindow, _time) is { Length: > 0 } batch)
            {
                Journal(journal, batch);
            }
        }
        finally
        {
            _journaled.Writer.TryComplete();
            await Task.WhenAll(senders);
            if (_givenUp)
            {
                JournalLog.LeftJournaled(_logger, _queue.QueueName);
            }

            journal.Dispose();
        }
    }

    /// <summary>Appends the batch as one message, or as halves (recursively) while its text is over the size limit.</summary>
    private void Journal(MessageJournal journal, ArraySegment<T> items)
    {
        var id = Guid.NewGuid().ToString("N");
        var text = _queue.Serialize(id, items);
        var size = EncodedBytes(text);
        if (size > _queue.MaxMessageBytes && items.Count > 1)
        {
            var half = items.Count / 2;
            Journal(journal, items[..half]);
            Journal(journal, items[half..]);
            return;
        }

        if (size > QueueMessageLimitBytes && _queue.OverflowPointer is null)
        {
            Interlocked.Increment(ref _notJournaled);
            JournalLog.TooLarge(_logger, _queue.QueueName, _queue.Describe(items[0]), size);
            return;
        }

        var line = new JournaledBatch(id, _time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture), text).ToLine();
        try
        {
            if (journal.TryAppend(line) is { } entry)
            {
                _journaled.Writer.TryWrite(entry);
                return;
            }

            var dropped = Interlocked.Add(ref _notJournaled, items.Count);
            JournalLog.JournalFull(_logger, _queue.QueueName, journal.Bytes, id, items.Count, _queue.Describe(items[0]), dropped);
        }
        catch (IOException e)
        {
            Interlocked.Add(ref _notJournaled, items.Count);
            JournalLog.WriteFailed(_logger, _queue.QueueName, id, items.Count, _queue.Describe(items[0]), e.Message);
        }
    }

    private async Task SendLoopAsync(MessageJournal journal, QueueSender sender, QueueOverflow overflow, CancellationToken stoppingToken)
    {
        await foreach (var entry in _journaled.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (_givenUp)
            {
                continue; // stopping and the queue unreachable: the rest stays journaled for the next start
            }

            JournaledBatch batch;
            try
            {
                batch = JournaledBatch.Parse(journal.Read(entry));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                JournalLog.Unreadable(_logger, _queue.QueueName, e.Message);
                journal.Acknowledge(entry);
                continue;
            }

            if (await SendAsync(sender, overflow, batch, stoppingToken))
            {
                journal.Acknowledge(entry);
            }
            else
            {
                _givenUp = true;
            }
        }
    }

    private Task<bool> SendAsync(QueueSender sender, QueueOverflow overflow, JournaledBatch batch, CancellationToken stoppingToken)
    {
        var subject = $"batch {batch.Id}";
        if (_queue.OverflowPointer is not { } pointer || EncodedBytes(batch.Text) <= _queue.MaxMessageBytes)
        {
            return sender.SendAsync(batch.Text, subject, stoppingToken);
        }

        // The journal keeps the full text, so a replay uploads again, to the same name (an idempotent overwrite).
        var blobName = QueueOverflow.BlobName(_queue.QueueName, batch.Day, batch.Id);
        var pointerText = pointer(batch.Id, blobName);
        var queue = _storage.Queue(_queue.QueueName);
        return sender.SendAsync(async () =>
        {
            await overflow.UploadAsync(blobName, batch.Text, CancellationToken.None);
            await queue.SendMessageAsync(pointerText, CancellationToken.None);
        }, subject, stoppingToken);
    }

    /// <summary>The size of <paramref name="text"/> once base64-encoded for the queue.</summary>
    private static int EncodedBytes(string text) => (Encoding.UTF8.GetByteCount(text) + 2) / 3 * 4;
}
