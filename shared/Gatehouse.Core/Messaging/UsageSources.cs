namespace Gatehouse.Messaging;

/// <summary>Where a <see cref="UsageRecord"/>'s token figures came from.</summary>
public static class UsageSources
{
    /// <summary>The provider reported usage.</summary>
    public const string Provider = "provider";

    /// <summary>The provider did not say, so the gateway counted tokens itself.</summary>
    public const string Counted = "counted";
}
