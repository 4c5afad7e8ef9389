using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Configuration;

/// <summary>
/// The standalone queue pollers (used when the Functions host is not there to trigger the workers).
/// Defaults mirror host.json's <c>extensions.queues</c>, so both hosts deliver the same way.
/// </summary>
public sealed class WorkerOptions
{
    public bool PollQueues { get; set; } = true;

    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}
