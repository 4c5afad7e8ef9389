namespace Gatehouse.Guardrails.Rules;

/// <summary>How <see cref="CustomRuleStore.PutAsync"/> went.</summary>
public enum CustomRuleWrite
{
    Created,
    Replaced,

    /// <summary>The tenant already has as many rules as it may; nothing was written.</summary>
    LimitReached,

    /// <summary>The tenant's deny lists would hold more characters of terms than it may; nothing was written.</summary>
    TermsLimitReached,
}
