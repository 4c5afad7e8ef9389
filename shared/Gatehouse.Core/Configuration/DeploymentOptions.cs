namespace Gatehouse.Configuration;

/// <summary>
/// One member of a model alias's route: either a deployment (<see cref="Provider"/> and <see cref="Model"/>) or a nested
/// group (<see cref="Strategy"/> over its own <see cref="Deployments"/>), so strategies nest: balance across two regions,
/// then fall back to another provider.
/// </summary>
public sealed class DeploymentOptions
{
    /// <summary>Key of an entry in <c>Gatehouse:Providers</c> (a deployment).</summary>
    public string Provider { get; set; } = "";

    /// <summary>The model name the provider expects (sent upstream in place of the alias); for Azure OpenAI, the deployment name.</summary>
    public string Model { get; set; } = "";

    /// <summary>Share of traffic in a <c>weighted</c> group (0 = only when the others failed).</summary>
    public int Weight { get; set; } = 1;

    /// <summary>A nested group's strategy: <c>failover</c> (default), <c>weighted</c>, <c>least-latency</c>.</summary>
    public string? Strategy { get; set; }

    /// <summary>A nested group's members.</summary>
    public List<DeploymentOptions> Deployments { get; set; } = [];

    public bool IsGroup => Deployments.Count > 0;
}
