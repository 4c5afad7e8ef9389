using System.Collections.Frozen;
using Gatehouse.Guardrails;

namespace Gatehouse.Tests.Guardrails;

/// <summary>A detector that answers as a test says: findings of given types, an exception, or not until cancelled.</summary>
internal sealed class StubDetector(string name, string[] types, Func<CancellationToken, Task<IReadOnlyList<DetectorFinding>>> inspect) : IGuardrailDetector
{
    public string Name { get; } = name;

    public IReadOnlySet<string> FindingTypes { get; } = types.ToFrozenSet(StringComparer.Ordinal);

    public int Calls { get; private set; }

    public bool WasCancelled { get; private set; }

    public static StubDetector Finding(string name, params string[] found) => new(name, found, _ =>
        Task.FromResult<IReadOnlyList<DetectorFinding>>([.. found.Select(type => new DetectorFinding(name, type, 0, 0, 1, 1.0, "stub"))]));

    public static StubDetector Clean(string name, params string[] types) => new(name, types, _ => Task.FromResult<IReadOnlyList<DetectorFinding>>([]));

    public static StubDetector Throwing(string name, params string[] types) => new(name, types, _ => throw new InvalidOperationException("secret prompt text"));

    public static StubDetector Hanging(string name, params string[] types)
    {
        StubDetector? self = null;
        self = new StubDetector(name, types, async ct =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                self!.WasCancelled = true;
                throw;
            }

            return [];
        });
        return self;
    }

    public async ValueTask<IReadOnlyList<DetectorFinding>> InspectAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        Calls++;
        return await inspect(cancellationToken);
    }
}
