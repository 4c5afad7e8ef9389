using Gatehouse.Errors;

namespace Gatehouse.Proxy;

/// <summary>
/// A step of the proxy pipeline. Returns null to go on, or the error that ends the request.
/// Internal and closed: the order of stages is decided only in <see cref="ProxyPipeline"/>.
/// </summary>
internal interface IProxyStage
{
    ValueTask<GatewayError?> RunAsync(ProxyContext context);
}
