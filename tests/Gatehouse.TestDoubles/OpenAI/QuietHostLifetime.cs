namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// Replaces the console lifetime: an in-process fake must not hook the test process's Ctrl-C/SIGTERM
/// (that would keep the test runner alive on SIGTERM). Its owner starts and stops it explicitly.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
