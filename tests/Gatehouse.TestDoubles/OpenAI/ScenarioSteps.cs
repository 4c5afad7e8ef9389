using Microsoft.AspNetCore.Http;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// What a scenario does before an answer starts, shared by chat and embeddings. The stream-shaped scenarios
/// act on non-streaming calls too: <c>hold-stream</c> holds the whole answer, <c>abort-stream</c> drops the
/// connection without answering.
/// </summary>
internal static class ScenarioSteps
{
    /// <returns>False when the scenario already answered or dropped the request.</returns>
    public static async Task<bool> BeforeAnswerAsync(
        HttpContext ctx, FakeScenario scenario, string model, bool streaming, Task holdTicket, FakeServerState state, CancellationToken ct)
    {
        var options = state.Options;
        switch (scenario.Kind)
        {
            case FakeScenarioKind.Fail:
                await OpenAIErrorBodies.WriteSimulatedFailureAsync(ctx, scenario.FailStatus, model, options, ct);
                return false;
            case FakeScenarioKind.Flaky when state.CountRequestFor(model) < scenario.Failures:
                await OpenAIErrorBodies.WriteSimulatedFailureAsync(ctx, scenario.FailStatus, model, options, ct);
                return false;
            case FakeScenarioKind.AbortStart when !streaming:
                ServerAbort.Abort(ctx);
                return false;
            case FakeScenarioKind.Slow:
                await Delays.WaitAsync(options.SlowDelay, options.TimeProvider, ct);
                return true;
            case FakeScenarioKind.HoldStream when !streaming:
                await state.Hold.WaitAsync(holdTicket, ct);
                return true;
            case FakeScenarioKind.AbortStream when !streaming:
                ServerAbort.Abort(ctx);
                return false;
            default:
                return true;
        }
    }
}
