using System.Globalization;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// The scenario named by the request's <c>model</c>, so a gateway config can map an alias onto it:
/// <c>fail-&lt;status&gt;</c>, <c>hold-stream</c>, <c>abort-stream</c>, <c>slow</c>, <c>long-&lt;N&gt;</c>
/// (an answer of exactly N words, streamed one word per chunk); anything else answers normally.
/// </summary>
internal readonly record struct FakeScenario(FakeScenarioKind Kind, int FailStatus = 0, int Words = 0)
{
    public const int MaxLongWords = 100_000;
    private const string FailPrefix = "fail-";
    private const string LongPrefix = "long-";

    public static FakeScenario FromModel(string model)
    {
        if (TryParseSuffix(model, FailPrefix, out var status) && status is >= 400 and <= 599)
            return new FakeScenario(FakeScenarioKind.Fail, FailStatus: status);

        if (TryParseSuffix(model, LongPrefix, out var words) && words is >= 1 and <= MaxLongWords)
            return new FakeScenario(FakeScenarioKind.Long, Words: words);

        return model switch
        {
            "hold-stream" => new FakeScenario(FakeScenarioKind.HoldStream),
            "abort-stream" => new FakeScenario(FakeScenarioKind.AbortStream),
            "slow" => new FakeScenario(FakeScenarioKind.Slow),
            _ => new FakeScenario(FakeScenarioKind.Normal),
        };
    }

    private static bool TryParseSuffix(string model, string prefix, out int number)
    {
        number = 0;
        return model.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(model.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
