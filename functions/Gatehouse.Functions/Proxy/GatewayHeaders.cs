namespace Gatehouse.Proxy;

/// <summary>Response headers the gateway adds.</summary>
public static class GatewayHeaders
{
    public const string RequestId = "x-request-id";
    public const string Deployment = "x-gatehouse-deployment";
}
