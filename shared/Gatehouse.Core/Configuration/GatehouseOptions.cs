namespace Gatehouse.Configuration;

/// <summary>The whole <c>Gatehouse</c> configuration section. Bound once at start and validated with every error reported.</summary>
public sealed class GatehouseOptions
{
    public const string SectionName = "Gatehouse";

    public ServerOptions Server { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    public KeyOptions Keys { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    public Limits.LimitOptions Limits { get; set; } = new();

    public Budgets.BudgetOptions Budgets { get; set; } = new();

    public Tokens.PricingOptions Pricing { get; set; } = new();

    public RoutingOptions Routing { get; set; } = new();

    public Guardrails.GuardrailOptions Guardrails { get; set; } = new();

    public WorkerOptions Workers { get; set; } = new();

    public AlertOptions Alerts { get; set; } = new();

    /// <summary><c>Auto</c> (custom handler when the Functions host set FUNCTIONS_CUSTOMHANDLER_PORT), <c>Standalone</c> or <c>CustomHandler</c>.</summary>
    public string HostingMode { get; set; } = "Auto";

    /// <summary>Upstream providers by name. Hosts come only from here, never from a request.</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Model aliases clients may ask for, each mapped to provider deployments.</summary>
    public Dictionary<string, ModelRouteOptions> Models { get; set; } = new(StringComparer.Ordinal);
}
