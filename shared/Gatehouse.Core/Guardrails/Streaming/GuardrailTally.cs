namespace Gatehouse.Guardrails.Streaming;

/// <summary>
/// The verdicts of many inspections of one text (a stream's chunks) summed up as one outcome list: per detector its
/// total time, per detector and type the strongest action taken and how many spans were replaced. The same finding
/// seen again in the next chunk's look-behind is one line, not two.
/// </summary>
public sealed class GuardrailTally(GuardrailDirection direction)
{
    private readonly List<string> _detectors = [];
    private readonly Dictionary<string, TimeSpan> _durations = new(StringComparer.Ordinal);
    private readonly List<(string Detector, string Type)> _types = [];
    private readonly Dictionary<(string Detector, string Type), (GuardrailAction? Action, int Count)> _acted = [];

    /// <summary>Whether any inspection was added.</summary>
    public bool IsEmpty => _detectors.Count == 0;

    public void Add(GuardrailVerdict verdict)
    {
        foreach (var run in verdict.Runs)
        {
            if (_durations.TryGetValue(run.Detector, out var total))
            {
                _durations[run.Detector] = total + run.Duration;
            }
            else
            {
                _detectors.Add(run.Detector);
                _durations[run.Detector] = run.Duration;
            }
        }

        foreach (var outcome in verdict.Outcomes)
        {
            if (outcome.Type is not { } type)
            {
                continue;
            }

            GuardrailAction? action = GuardrailActions.TryParse(outcome.Action, out var parsed) ? parsed : null;
            if (!_acted.TryGetValue((outcome.Detector, type), out var seen))
            {
                _types.Add((outcome.Detector, type));
                _acted[(outcome.Detector, type)] = (action, 0);
            }
            else if (action is { } now && (seen.Action is not { } before || GuardrailActions.Strength(now) > GuardrailActions.Strength(before)))
            {
                _acted[(outcome.Detector, type)] = (now, seen.Count);
            }
        }
    }

    /// <summary>Counts the spans replaced (each rewrite carried out once).</summary>
    public void Count(IEnumerable<GuardrailRewrite> applied)
    {
        foreach (var rewrite in applied)
        {
            var key = (rewrite.Finding.Detector, rewrite.Finding.Type);
            if (_acted.TryGetValue(key, out var seen))
            {
                _acted[key] = (seen.Action, seen.Count + 1);
            }
        }
    }

    public IReadOnlyList<GuardrailOutcome> Outcomes()
    {
        var name = GuardrailDirections.Name(direction);
        var outcomes = new List<GuardrailOutcome>();
        foreach (var detector in _detectors)
        {
            var duration = _durations[detector].TotalMilliseconds;
            var typed = false;
            foreach (var (owner, type) in _types)
            {
                if (owner != detector)
                {
                    continue;
                }

                typed = true;
                var (action, count) = _acted[(owner, type)];
                outcomes.Add(new GuardrailOutcome(detector, type, action is { } taken ? GuardrailActions.Name(taken) : null, duration, type == GuardrailFindingTypes.DetectorFailed)
                {
                    Direction = name,
                    Count = count > 0 ? count : null,
                });
            }

            if (!typed)
            {
                outcomes.Add(new GuardrailOutcome(detector, null, null, duration, Failed: false) { Direction = name });
            }
        }

        return outcomes;
    }
}
