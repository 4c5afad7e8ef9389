using System.Globalization;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// The scenario named by the request's <c>model</c>, so a gateway config can map an alias onto it:
/// <c>fail-&lt;status&gt;</c>, <c>hold-stream</c>, <c>abort-stream</c>, <c>slow</c>; anything else answers normally.
/// </summary>
internal readonly record struct FakeScenario(FakeScenarioKind Kind, int FailStatus)
{
    private const string FailPrefix = "fail-";

    public static FakeScenario FromModel(string model)
    {
        if (model.StartsWith(FailPrefix, StringComparison.Ordinal)
            && int.TryParse(model.AsSpan(FailPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            && status is >= 400 and <= 599)
        {
            return new FakeScenario(FakeScenarioKind.Fail, status);
        }

        return model switch
        {
            "hold-stream" => new FakeScenario(FakeScenarioKind.HoldStream, 0),
            "abort-stream" => new FakeScenario(FakeScenarioKind.AbortStream, 0),
            "slow" => new FakeScenario(FakeScenarioKind.Slow, 0),
            _ => new FakeScenario(FakeScenarioKind.Normal, 0),
        };
    }
}
