namespace Gatehouse.Messaging;

/// <summary>
/// For a publisher stopped so soon after starting that its send loop never ran: <c>BackgroundService</c> starts the
/// loop on the thread pool and skips it once stopping, which would silently lose what was buffered.
/// </summary>
internal static class ShutdownDrain
{
    /// <summary>Runs the send loop now, already stopping, so every buffered item gets one send attempt.</summary>
    public static Task IfNeverRanAsync(Task? executeTask, Func<CancellationToken, Task> execute) =>
        executeTask is { IsCanceled: true } ? execute(new CancellationToken(canceled: true)) : Task.CompletedTask;
}
