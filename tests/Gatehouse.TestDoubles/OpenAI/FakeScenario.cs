using System.Globalization;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// The scenario named by the request's <c>model</c>, so a gateway config can map an alias onto it:
/// <c>fail-&lt;status&gt;</c>, <c>hold-stream</c>, <c>abort-stream</c>, <c>slow</c>, <c>long-&lt;N&gt;</c>
/// (an answer of exactly N words, streamed one word per chunk), <c>flaky-&lt;status&gt;-&lt;N&gt;[-tag]</c> (the first N
/// requests naming exactly this model fail with the status, later ones answer normally; a tag keeps tests apart),
/// <c>abort-start</c> (a 200 and the role event, then the connection drops: a stream that fails before it says
/// anything); anything else answers normally.
/// </summary>
internal readonly record struct FakeScenario(FakeScenarioKind Kind, int FailStatus = 0, int Words = 0, int Failures = 0)
{
    public const int MaxLongWords = 100_000;
    private const string FailPrefix = "fail-";
    private const string LongPrefix = "long-";
    private const string FlakyPrefix = "flaky-";

    public static FakeScenario FromModel(string model)
    {
        if (TryParseSuffix(model, FailPrefix, out var status) && status is >= 400 and <= 599)
            return new FakeScenario(FakeScenarioKind.Fail, FailStatus: status);

        if (TryParseSuffix(model, LongPrefix, out var words) && words is >= 1 and <= MaxLongWords)
            return new FakeScenario(FakeScenarioKind.Long, Words: words);

        if (TryParseFlaky(model, out var flakyStatus, out var failures))
            return new FakeScenario(FakeScenarioKind.Flaky, FailStatus: flakyStatus, Failures: failures);

        return model switch
        {
            "abort-start" => new FakeScenario(FakeScenarioKind.AbortStart),
            "hold-stream" => new FakeScenario(FakeScenarioKind.HoldStream),
            "abort-stream" => new FakeScenario(FakeScenarioKind.AbortStream),
            "slow" => new FakeScenario(FakeScenarioKind.Slow),
            _ => new FakeScenario(FakeScenarioKind.Normal),
        };
    }

    private static bool TryParseFlaky(string model, out int status, out int failures)
    {
        status = failures = 0;
        if (!model.StartsWith(FlakyPrefix, StringComparison.Ordinal))
            return false;
        var parts = model[FlakyPrefix.Length..].Split('-', 3);
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out status) && status is >= 400 and <= 599
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out failures) && failures is >= 0 and <= 1000;
    }

    private static bool TryParseSuffix(string model, string prefix, out int number)
    {
        number = 0;
        return model.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(model.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
