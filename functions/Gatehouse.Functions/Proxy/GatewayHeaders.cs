namespace Gatehouse.Proxy;

/// <summary>Response headers the gateway adds.</summary>
public static class GatewayHeaders
{
    public const string RequestId = "x-request-id";
    public const string Deployment = "x-gatehouse-deployment";

    /// <summary>The request's cost in USD; a header on JSON answers, a trailer on streams where the protocol has trailers.</summary>
    public const string CostUsd = "x-gatehouse-cost-usd";
}
