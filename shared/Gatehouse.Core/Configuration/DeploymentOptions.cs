namespace Gatehouse.Configuration;

public sealed class DeploymentOptions
{
    /// <summary>Key of an entry in <c>Gatehouse:Providers</c>.</summary>
    public string Provider { get; set; } = "";

    /// <summary>The model name the provider expects (sent upstream in place of the alias).</summary>
    public string Model { get; set; } = "";
}
