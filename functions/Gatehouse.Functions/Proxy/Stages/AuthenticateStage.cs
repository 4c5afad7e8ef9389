using Gatehouse.Errors;
using Gatehouse.Http;
using Gatehouse.Keys;
using Gatehouse.Storage;

namespace Gatehouse.Proxy.Stages;

/// <summary>
/// Every <c>/v1</c> call needs an active app key whose secret is still accepted. Unknown, malformed, expired and
/// revoked keys look alike to the caller; only the holder of a pending key's secret learns it awaits approval.
/// </summary>
internal sealed class AuthenticateStage(KeyResolver resolver, TimeProvider time) : IProxyStage
{
    public async ValueTask<GatewayError?> RunAsync(ProxyContext context)
    {
        var secret = ApiKeyHeader.Read(context.Http.Request);
        if (secret is null)
        {
            return GatewayErrors.InvalidApiKey();
        }

        KeyMatch? match;
        try
        {
            match = await resolver.ResolveAsync(secret, context.Aborted);
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e))
        {
            // Fail closed: a key that cannot be checked is not accepted.
            return GatewayErrors.ServiceUnavailable("Key validation");
        }

        if (match is null || match.Key.IsAdminKey)
        {
            return GatewayErrors.InvalidApiKey();
        }

        var now = time.GetUtcNow();
        if (!match.IsUsableAt(now))
        {
            return match.Key.StatusAt(now) == KeyStatus.Pending ? GatewayErrors.KeyPendingApproval() : GatewayErrors.InvalidApiKey();
        }

        context.Key = match.Key;
        return null;
    }
}
