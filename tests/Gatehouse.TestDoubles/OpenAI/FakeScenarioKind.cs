namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>What the request's <c>model</c> asks the fake to do.</summary>
internal enum FakeScenarioKind
{
    Normal,
    Fail,
    HoldStream,
    AbortStream,
    Slow,
    Long,
    Flaky,
    AbortStart,
}
