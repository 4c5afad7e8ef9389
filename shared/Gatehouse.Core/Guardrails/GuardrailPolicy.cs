namespace Gatehouse.Guardrails;

/// <summary>
/// A model alias's rules (or the <c>*</c> policy's), and the detectors they need. Decides what the findings do: each
/// finding type gets the rule naming it exactly, else the <c>*</c> rule; a failed detector blocks unless every rule
/// that needed it fails open (then it flags); across all of them the strongest action wins (block, fallback, flag).
/// </summary>
public sealed class GuardrailPolicy
{
    public GuardrailPolicy(string name, IReadOnlyList<GuardrailRule> rules, IEnumerable<IGuardrailDetector> detectors)
    {
        Name = name;
        Rules = rules;
        Detectors = [.. detectors.Where(detector => rules.Any(rule => rule.Needs(detector)))];
    }

    /// <summary>The alias the policy is configured under, or <c>*</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<GuardrailRule> Rules { get; }

    /// <summary>The registered detectors that report a type one of the rules acts on.</summary>
    public IReadOnlyList<IGuardrailDetector> Detectors { get; }

    /// <summary>The policy as configured (validated at start, so every action parses).</summary>
    public static GuardrailPolicy From(string name, GuardrailPolicyOptions options, IEnumerable<IGuardrailDetector> detectors) =>
        new(name, [.. options.Rules.Select(rule => new GuardrailRule(
            rule.Type, GuardrailActions.TryParse(rule.Action, out var action) ? action : GuardrailAction.Block, rule.FallbackModel, rule.FailOpen))],
            detectors);

    /// <summary>The rule for a finding type: the one naming it, else the <c>*</c> rule, else none.</summary>
    public GuardrailRule? RuleFor(string type) =>
        Rules.FirstOrDefault(rule => rule.Type == type) ?? Rules.FirstOrDefault(rule => rule.Type == GuardrailFindingTypes.Any);

    /// <summary>The verdict on what the detectors found (<paramref name="findings"/>) and how their runs went.</summary>
    public GuardrailVerdict Decide(IReadOnlyList<DetectorFinding> findings, IReadOnlyList<DetectorRun> runs)
    {
        var outcomes = new List<GuardrailOutcome>();
        GuardrailRule? decided = null;
        GuardrailAction? action = null;
        foreach (var run in runs)
        {
            var duration = run.Duration.TotalMilliseconds;
            if (run.Failed)
            {
                var (failedAction, rule) = OnFailure(run.Detector);
                outcomes.Add(new GuardrailOutcome(run.Detector, GuardrailFindingTypes.DetectorFailed, GuardrailActions.Name(failedAction), duration, Failed: true));
                Consider(failedAction, rule);
                continue;
            }

            var types = findings.Where(f => f.Detector == run.Detector).Select(f => f.Type).Distinct(StringComparer.Ordinal).ToList();
            if (types.Count == 0)
            {
                outcomes.Add(new GuardrailOutcome(run.Detector, null, null, duration, Failed: false));
            }

            foreach (var type in types)
            {
                // A detector may report types no rule acts on (it ran for another type): recorded, not acted on.
                var rule = RuleFor(type);
                outcomes.Add(new GuardrailOutcome(run.Detector, type, rule is null ? null : GuardrailActions.Name(rule.Action), duration, Failed: false));
                if (rule is not null)
                {
                    Consider(rule.Action, rule);
                }
            }
        }

        return new GuardrailVerdict(findings, runs, outcomes, action, decided);

        void Consider(GuardrailAction candidate, GuardrailRule rule)
        {
            if (action is null || GuardrailActions.Strength(candidate) > GuardrailActions.Strength(action.Value))
            {
                action = candidate;
                decided = rule;
            }
        }
    }

    /// <summary>Fail closed: block, unless every rule that needed the detector is FailOpen.</summary>
    private (GuardrailAction, GuardrailRule) OnFailure(string detectorName)
    {
        var needing = Rules.Where(rule => Detectors.Any(d => d.Name == detectorName && rule.Needs(d))).ToList();
        return needing.FirstOrDefault(rule => !rule.FailOpen) is { } closed
            ? (GuardrailAction.Block, closed)
            : (GuardrailAction.Flag, needing[0]);
    }
}
