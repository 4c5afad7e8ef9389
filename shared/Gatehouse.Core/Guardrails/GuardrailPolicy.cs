using Gatehouse.Guardrails.Detectors;

namespace Gatehouse.Guardrails;

/// <summary>
/// A model alias's rules (or the <c>*</c> policy's), and the detectors they need on each direction. Decides what the
/// findings do: each finding type gets the rule for its direction naming it exactly, else the stronger of the <c>*</c>
/// rule and the action the finding carries itself (a tenant's custom rules); a failed detector blocks unless every rule that needed
/// it fails open (then it flags); across all of them the strongest action wins (block, fallback, redact, mask, flag),
/// while every finding whose action is redact or mask becomes a <see cref="GuardrailRewrite"/>. The
/// <see cref="DetectorNames.CustomRules"/> detector runs on every input, rules or not, since its findings carry their
/// own actions; on answers, whenever the policy inspects answers at all.
/// </summary>
public sealed class GuardrailPolicy
{
    private readonly IReadOnlyList<IGuardrailDetector> _input;
    private readonly IReadOnlyList<IGuardrailDetector> _output;

    public GuardrailPolicy(string name, IReadOnlyList<GuardrailRule> rules, IEnumerable<IGuardrailDetector> detectors)
    {
        Name = name;
        Rules = rules;
        var registered = detectors.ToList();
        _input = Needed(registered, GuardrailDirection.Input, customRules: true);
        _output = Needed(registered, GuardrailDirection.Output, customRules: rules.Any(rule => rule.AppliesTo(GuardrailDirection.Output)));
        Detectors = [.. _input.Union(_output)];
    }

    /// <summary>The alias the policy is configured under, or <c>*</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<GuardrailRule> Rules { get; }

    /// <summary>The registered detectors that run on one direction or the other.</summary>
    public IReadOnlyList<IGuardrailDetector> Detectors { get; }

    /// <summary>The policy as configured (validated at start, so every action and direction parses).</summary>
    public static GuardrailPolicy From(string name, GuardrailPolicyOptions options, IEnumerable<IGuardrailDetector> detectors) =>
        new(name, [.. options.Rules.Select(rule => new GuardrailRule(
            rule.Type, GuardrailActions.TryParse(rule.Action, out var action) ? action : GuardrailAction.Block, rule.FallbackModel, rule.FailOpen)
        {
            Direction = GuardrailDirections.TryParse(rule.Direction, out var direction) ? direction : null,
        })],
            detectors);

    /// <summary>The detectors to run on text travelling <paramref name="direction"/>; none means nothing to inspect.</summary>
    public IReadOnlyList<IGuardrailDetector> DetectorsFor(GuardrailDirection direction) =>
        direction == GuardrailDirection.Output ? _output : _input;

    /// <summary>The input rule for a finding type: the one naming it, else the <c>*</c> rule, else none.</summary>
    public GuardrailRule? RuleFor(string type) => RuleFor(type, GuardrailDirection.Input);

    /// <summary>The rule for a finding type on <paramref name="direction"/>: the one naming it, else the <c>*</c> rule, else none.</summary>
    public GuardrailRule? RuleFor(string type, GuardrailDirection direction)
    {
        GuardrailRule? any = null;
        foreach (var rule in Rules)
        {
            if (!rule.AppliesTo(direction))
            {
                continue;
            }

            if (rule.Type == type)
            {
                return rule;
            }

            any ??= rule.Type == GuardrailFindingTypes.Any ? rule : null;
        }

        return any;
    }

    /// <summary>The verdict on a request's input.</summary>
    public GuardrailVerdict Decide(IReadOnlyList<DetectorFinding> findings, IReadOnlyList<DetectorRun> runs) =>
        Decide(GuardrailDirection.Input, findings, runs);

    /// <summary>The verdict on what the detectors found (<paramref name="findings"/>) in text travelling <paramref name="direction"/>.</summary>
    public GuardrailVerdict Decide(GuardrailDirection direction, IReadOnlyList<DetectorFinding> findings, IReadOnlyList<DetectorRun> runs)
    {
        var directionName = GuardrailDirections.Name(direction);
        var outcomes = new List<GuardrailOutcome>();
        GuardrailRule? decided = null;
        GuardrailAction? action = null;
        foreach (var run in runs)
        {
            var duration = run.Duration.TotalMilliseconds;
            if (run.Failed)
            {
                var (failedAction, rule) = OnFailure(run.Detector, direction);
                outcomes.Add(new GuardrailOutcome(run.Detector, GuardrailFindingTypes.DetectorFailed, GuardrailActions.Name(failedAction), duration, Failed: true) { Direction = directionName });
                Consider(failedAction, rule);
                continue;
            }

            if (TypesFound(run.Detector, findings) is not { } types)
            {
                outcomes.Add(new GuardrailOutcome(run.Detector, null, null, duration, Failed: false) { Direction = directionName });
                continue;
            }

            foreach (var type in types)
            {
                // A detector may report types no rule acts on (it ran for another type): recorded, not acted on, unless
                // the finding carries its own action.
                var (typeAction, rule) = ActionFor(run.Detector, type, direction, findings);
                outcomes.Add(new GuardrailOutcome(run.Detector, type, typeAction is { } named ? GuardrailActions.Name(named) : null, duration, Failed: false) { Direction = directionName });
                if (typeAction is { } taken)
                {
                    Consider(taken, rule!);
                }
            }
        }

        return new GuardrailVerdict(findings, runs, outcomes, action, decided) { Rewrites = Rewrites(direction, findings) };

        void Consider(GuardrailAction candidate, GuardrailRule rule)
        {
            if (action is null || GuardrailActions.Strength(candidate) > GuardrailActions.Strength(action.Value))
            {
                action = candidate;
                decided = rule;
            }
        }
    }

    /// <summary>The types a detector reported, in the order first found; null (nothing allocated) when it found nothing.</summary>
    private static List<string>? TypesFound(string detector, IReadOnlyList<DetectorFinding> findings)
    {
        List<string>? types = null;
        foreach (var finding in findings)
        {
            if (finding.Detector == detector && !(types?.Contains(finding.Type) ?? false))
            {
                (types ??= []).Add(finding.Type);
            }
        }

        return types;
    }

    /// <summary>
    /// A type's action: the rule naming it exactly; else the stronger of the <c>*</c> rule's and the strongest its
    /// findings carry (so a tenant's rule can tighten the operator's catch-all, never loosen it). A rule's <c>mask</c>
    /// redacts answers; a carried <c>fallback</c> (a finding cannot name the alias) blocks.
    /// </summary>
    private (GuardrailAction?, GuardrailRule?) ActionFor(string detector, string type, GuardrailDirection direction, IReadOnlyList<DetectorFinding> findings)
    {
        var rule = RuleFor(type, direction);
        if (rule is not null && rule.Type == type)
        {
            return (Effective(rule.Action, direction), rule);
        }

        GuardrailAction? carried = null;
        foreach (var finding in findings)
        {
            if (finding.Detector == detector && finding.Type == type && finding.Action is { } own)
            {
                carried = Stronger(carried, Carried(own, direction));
            }
        }

        if (rule is not null && (carried is null || GuardrailActions.Strength(Effective(rule.Action, direction)) >= GuardrailActions.Strength(carried.Value)))
        {
            return (Effective(rule.Action, direction), rule);
        }

        return carried is { } taken ? (taken, new GuardrailRule(type, taken, null, FailOpen: false) { Direction = direction }) : (null, null);
    }

    /// <summary>What a finding's text gets: the exact rule's action, else the stronger of the <c>*</c> rule's and its own.</summary>
    private GuardrailAction? ActionFor(DetectorFinding finding, GuardrailDirection direction)
    {
        var rule = RuleFor(finding.Type, direction);
        if (rule is not null && rule.Type == finding.Type)
        {
            return Effective(rule.Action, direction);
        }

        var own = finding.Action is { } carried ? Carried(carried, direction) : (GuardrailAction?)null;
        return Stronger(rule is null ? null : Effective(rule.Action, direction), own);
    }

    private static GuardrailAction? Stronger(GuardrailAction? a, GuardrailAction? b) =>
        a is null ? b : b is null ? a : GuardrailActions.Strength(b.Value) > GuardrailActions.Strength(a.Value) ? b : a;

    private List<GuardrailRewrite> Rewrites(GuardrailDirection direction, IReadOnlyList<DetectorFinding> findings)
    {
        var rewrites = new List<GuardrailRewrite>();
        foreach (var finding in findings)
        {
            if (finding.Segment >= 0 && finding.Length > 0 && ActionFor(finding, direction) is { } chosen && GuardrailActions.Rewrites(chosen))
            {
                rewrites.Add(new GuardrailRewrite(finding, chosen));
            }
        }

        return rewrites;
    }

    /// <summary>A finding's own action: as a rule's, but a fallback blocks, since a finding cannot name the alias to fall back to.</summary>
    private static GuardrailAction Carried(GuardrailAction action, GuardrailDirection direction) =>
        action == GuardrailAction.Fallback ? GuardrailAction.Block : Effective(action, direction);

    private static GuardrailAction Effective(GuardrailAction action, GuardrailDirection direction) => action switch
    {
        GuardrailAction.Mask when direction == GuardrailDirection.Output => GuardrailAction.Redact,
        _ => action,
    };

    /// <summary>
    /// Fail closed: block, unless every rule on this direction that needed the detector is FailOpen. A detector that ran
    /// with no rule needing it (custom rules, which carry their own actions) blocks.
    /// </summary>
    private (GuardrailAction, GuardrailRule) OnFailure(string detectorName, GuardrailDirection direction)
    {
        var needing = Rules.Where(rule => rule.AppliesTo(direction) && DetectorsFor(direction).Any(d => d.Name == detectorName && rule.Needs(d))).ToList();
        if (needing.Count == 0)
        {
            return (GuardrailAction.Block, new GuardrailRule(GuardrailFindingTypes.DetectorFailed, GuardrailAction.Block, null, FailOpen: false) { Direction = direction });
        }

        return needing.FirstOrDefault(rule => !rule.FailOpen) is { } closed
            ? (GuardrailAction.Block, closed)
            : (GuardrailAction.Flag, needing[0]);
    }

    private List<IGuardrailDetector> Needed(List<IGuardrailDetector> registered, GuardrailDirection direction, bool customRules) =>
        [.. registered.Where(detector => (customRules && detector.Name == DetectorNames.CustomRules)
            || Rules.Any(rule => rule.AppliesTo(direction) && rule.Needs(detector)))];
}
