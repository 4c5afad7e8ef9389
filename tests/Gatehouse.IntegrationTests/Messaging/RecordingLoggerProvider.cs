using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gatehouse.IntegrationTests.Messaging;

/// <summary>Keeps the event ids logged, so a test can wait for "a send failed" instead of guessing with a sleep.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<EventId> _events = new();

    public IReadOnlyCollection<EventId> Events => _events;

    public ILogger CreateLogger(string categoryName) => new Recorder(_events);

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<EventId> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue(eventId);
    }
}
