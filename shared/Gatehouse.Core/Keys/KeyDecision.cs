namespace Gatehouse.Keys;

public enum DecisionOutcome
{
    Decided,
    NotFound,
    AlreadyDecided,
    Expired,

    /// <summary>The requested key was revoked while the request waited.</summary>
    KeyRevoked,
}

public sealed record KeyDecision(DecisionOutcome Outcome, KeyRequest? Request = null);
