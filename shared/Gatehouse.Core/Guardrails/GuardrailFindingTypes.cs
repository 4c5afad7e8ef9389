namespace Gatehouse.Guardrails;

/// <summary>The finding types policy rules name (<c>Gatehouse:Guardrails:Policies:{alias}:Rules:{n}:Type</c>).</summary>
public static class GuardrailFindingTypes
{
    /// <summary>A rule for every type any detector reports.</summary>
    public const string Any = "*";

    /// <summary>A configured deny-list term (<see cref="Detectors.DenyListDetector"/>).</summary>
    public const string DenyTerm = "DENY_TERM";

    /// <summary>A match of one of the calling tenant's own rules (<see cref="Rules.CustomRuleDetector"/>).</summary>
    public const string CustomRule = "CUSTOM_RULE";

    /// <summary>
    /// Reported by the pipeline, not a detector: a detector threw or ran past its time budget. Blocks unless every rule
    /// that needed the detector is <see cref="GuardrailRuleOptions.FailOpen"/> (then it flags).
    /// </summary>
    public const string DetectorFailed = "DETECTOR_FAILED";
}
