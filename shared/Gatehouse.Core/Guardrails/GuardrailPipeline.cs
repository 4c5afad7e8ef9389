using System.Collections.Frozen;
using Gatehouse.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Guardrails;

/// <summary>
/// Finds a request's policy and runs the detectors it needs over the input or the answer, side by side, each bounded by
/// <see cref="GuardrailOptions.DetectorTimeout"/>; the policy turns what they found into a <see cref="GuardrailVerdict"/>.
/// A detector that throws, or has not answered within its time, becomes a
/// <see cref="GuardrailFindingTypes.DetectorFailed"/> finding (fail closed: see <see cref="GuardrailPolicy"/>), on
/// input and output alike.
/// </summary>
public sealed partial class GuardrailPipeline
{
    /// <summary>The policy of an alias without one: no rules, so only a tenant's custom rules run (if registered).</summary>
    public const string ImplicitPolicyName = "(none)";

    private readonly FrozenDictionary<string, GuardrailPolicy> _policies;
    private readonly GuardrailPolicy _implicit;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger<GuardrailPipeline> _logger;

    public GuardrailPipeline(IEnumerable<IGuardrailDetector> detectors, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<GuardrailPipeline> logger)
    {
        var guardrails = options.Value.Guardrails;
        var registered = detectors.ToList();
        _policies = guardrails.Policies.ToFrozenDictionary(p => p.Key, p => GuardrailPolicy.From(p.Key, p.Value, registered), StringComparer.Ordinal);
        _implicit = new GuardrailPolicy(ImplicitPolicyName, [], registered);
        _timeout = guardrails.DetectorTimeout;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// The alias's own policy, else the <c>*</c> policy, else an empty one; null when the one found runs no detector
    /// (no rules, as for an alias exempted from <c>*</c>, and no custom-rules detector registered).
    /// </summary>
    public GuardrailPolicy? PolicyFor(string alias)
    {
        var policy = _policies.GetValueOrDefault(alias) ?? _policies.GetValueOrDefault(GuardrailOptions.AnyModel) ?? _implicit;
        return policy.Detectors.Count > 0 ? policy : null;
    }

    /// <summary>Runs the detectors the policy needs on the input's direction, and decides.</summary>
    public async ValueTask<GuardrailVerdict> InspectAsync(GuardrailPolicy policy, GuardrailInput input, CancellationToken cancellationToken)
    {
        var (findings, runs) = await DetectAsync(policy, input, cancellationToken);
        return policy.Decide(input.Direction, findings, runs);
    }

    /// <summary>
    /// What the detectors the policy needs on the input's direction found, and how their runs went, for a caller that
    /// decides on part of it (the stream scanner leaves out findings the next chunk may still change).
    /// </summary>
    public async ValueTask<(IReadOnlyList<DetectorFinding> Findings, IReadOnlyList<DetectorRun> Runs)> DetectAsync(
        GuardrailPolicy policy, GuardrailInput input, CancellationToken cancellationToken)
    {
        var detectors = policy.DetectorsFor(input.Direction);
        if (detectors.Count == 1)
        {
            // The common case on the stream path: one detector, no fan-out to allocate.
            var (found, run) = await RunAsync(detectors[0], input, cancellationToken);
            return (found, [run]);
        }

        var results = await Task.WhenAll(detectors.Select(detector => RunAsync(detector, input, cancellationToken)));
        return ([.. results.SelectMany(r => r.Findings)], [.. results.Select(r => r.Run)]);
    }

    private async Task<(IReadOnlyList<DetectorFinding> Findings, DetectorRun Run)> RunAsync(
        IGuardrailDetector detector, GuardrailInput input, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string failure;
        try
        {
            var findings = await detector.InspectAsync(input, stop.Token).AsTask().WaitAsync(_timeout, _time, cancellationToken);
            var elapsed = _time.GetElapsedTime(started);
            if (elapsed <= _timeout)
            {
                return (findings, new DetectorRun(detector.Name, elapsed, Failed: false));
            }

            // A detector that blocks instead of awaiting cannot be stopped at its deadline, only judged by it.
            failure = "answered after its time budget";
        }
        catch (TimeoutException)
        {
            failure = "timed out";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the client went away: there is no verdict to give
        }
        catch (Exception e)
        {
            failure = $"threw {e.GetType().Name}"; // the type only: an exception's message may quote the text it choked on
        }
        finally
        {
            await stop.CancelAsync(); // a detector still running past its deadline is told to stop
        }

        var duration = _time.GetElapsedTime(started);
        LogDetectorFailed(_logger, detector.Name, failure, duration.TotalMilliseconds);
        var finding = new DetectorFinding(detector.Name, GuardrailFindingTypes.DetectorFailed, -1, 0, 0, 1.0, $"The detector {failure}.");
        return ([finding], new DetectorRun(detector.Name, duration, Failed: true));
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Guardrail detector {Detector} {Failure} after {DurationMs} ms; counted as a DETECTOR_FAILED finding")]
    private static partial void LogDetectorFailed(ILogger logger, string detector, string failure, double durationMs);
}
