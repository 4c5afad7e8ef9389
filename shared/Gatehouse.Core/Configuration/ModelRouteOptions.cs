namespace Gatehouse.Configuration;

/// <summary>A model alias as clients name it, mapped to an ordered list of provider deployments.</summary>
public sealed class ModelRouteOptions
{
    /// <summary>Deployments in order of preference; the first whose provider is enabled serves.</summary>
    public List<DeploymentOptions> Deployments { get; set; } = [];

    /// <summary>Operations this alias serves: <c>chat</c>, <c>embeddings</c>. Empty means chat only.</summary>
    public List<string> Operations { get; set; } = [];
}
