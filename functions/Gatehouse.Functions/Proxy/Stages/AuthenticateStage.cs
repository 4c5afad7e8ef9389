using Gatehouse.Errors;
using Gatehouse.Http;
using Gatehouse.Keys;

namespace Gatehouse.Proxy.Stages;

/// <summary>Every <c>/v1</c> call needs an active virtual key. Unknown, malformed and revoked keys look alike to the caller.</summary>
internal sealed class AuthenticateStage(KeyResolver resolver) : IProxyStage
{
    public async ValueTask<GatewayError?> RunAsync(ProxyContext context)
    {
        var secret = ApiKeyHeader.Read(context.Http.Request);
        if (secret is null)
        {
            return GatewayErrors.InvalidApiKey();
        }

        VirtualKey? key;
        try
        {
            key = await resolver.ResolveAsync(secret, context.Aborted);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or TimeoutException)
        {
            // Fail closed: a key that cannot be checked is not accepted.
            return GatewayErrors.ServiceUnavailable("Key validation");
        }

        if (key is not { IsActive: true })
        {
            return GatewayErrors.InvalidApiKey();
        }

        context.Key = key;
        return null;
    }
}
