namespace Gatehouse.Messaging;

/// <summary>The <see cref="AlertMessage.Kind"/> values.</summary>
public static class AlertKinds
{
    /// <summary>A budget's spend crossed one of its alert thresholds.</summary>
    public const string BudgetThreshold = "budget_threshold";

    /// <summary>A key had at least the configured number of guardrail blocks within one window.</summary>
    public const string GuardrailBlockBurst = "guardrail_block_burst";

    /// <summary>A model alias failed over to another deployment at least the configured number of times in one window.</summary>
    public const string FailoverStorm = "failover_storm";

    /// <summary>A queue message failed its last allowed delivery and went to the poison queue.</summary>
    public const string PoisonMessage = "poison_message";

    /// <summary>Every kind, for validating a webhook's <c>Kinds</c> filter.</summary>
    public static IReadOnlyList<string> All { get; } = [BudgetThreshold, GuardrailBlockBurst, FailoverStorm, PoisonMessage];
}
