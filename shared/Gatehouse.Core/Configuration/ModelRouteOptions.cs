namespace Gatehouse.Configuration;

/// <summary>A model alias as clients name it, mapped to provider deployments and the strategy that picks among them.</summary>
public sealed class ModelRouteOptions
{
    /// <summary><c>failover</c> (default: in order), <c>weighted</c> or <c>least-latency</c>.</summary>
    public string? Strategy { get; set; }

    /// <summary>Deployments or nested groups; members whose provider is disabled (optional, no key) are left out.</summary>
    public List<DeploymentOptions> Deployments { get; set; } = [];

    /// <summary>Operations this alias serves: <c>chat</c>, <c>embeddings</c>. Empty means chat only.</summary>
    public List<string> Operations { get; set; } = [];
}
