namespace Gatehouse.Routing;

/// <summary>A model on a provider: where an alias's request actually goes.</summary>
public sealed record Deployment(ProviderEndpoint Provider, string Model)
{
    /// <summary>Stable name used in headers and audit records, e.g. <c>openai/gpt-4o-mini</c>.</summary>
    public string Name => $"{Provider.Name}/{Model}";
}
