namespace Gatehouse.Messaging;

/// <summary>The <see cref="AlertMessage.Kind"/> values.</summary>
public static class AlertKinds
{
    /// <summary>A budget's spend crossed one of its alert thresholds.</summary>
    public const string BudgetThreshold = "budget_threshold";
}
