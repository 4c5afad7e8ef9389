namespace Gatehouse.TestDoubles.Entra;

/// <summary>How the fake's discovery and key endpoints misbehave, to exercise a gateway's fail-closed path.</summary>
public enum FakeEntraOutage
{
    /// <summary>Serve normally.</summary>
    None,

    /// <summary>Answer 500 with Entra's JSON error shape.</summary>
    ServerError,

    /// <summary>Accept the request and never answer (until the client gives up or the fake stops).</summary>
    Hang,
}
