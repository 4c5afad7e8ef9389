namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>Waits on the options' clock; a zero delay costs nothing (no timer, no yield).</summary>
internal static class Delays
{
    public static Task WaitAsync(TimeSpan delay, TimeProvider clock, CancellationToken ct) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, clock, ct) : Task.CompletedTask;
}
