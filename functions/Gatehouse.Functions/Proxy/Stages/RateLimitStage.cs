using System.Security.Cryptography;
using System.Text;
using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Limits;
using Gatehouse.Storage;
using Gatehouse.Tenants;
using Microsoft.Extensions.Options;

namespace Gatehouse.Proxy.Stages;

/// <summary>
/// Request limits per key, tenant and end user (within the key), after routing so that a request refused for its
/// model costs no quota. Sets the OpenAI-style <c>x-ratelimit-*-requests</c> headers on every answer it lets through
/// or refuses.
/// </summary>
internal sealed class RateLimitStage(RateLimiter limiter, TenantCache tenants, IOptions<GatehouseOptions> options, TimeProvider time) : IProxyStage
{
    private readonly LimitOptions _options = options.Value.Limits;

    public async ValueTask<GatewayError?> RunAsync(ProxyContext context)
    {
        RateLimits tenantLimits;
        try
        {
            tenantLimits = (await tenants.GetAsync(context.Key!.Tenant, context.Aborted))?.Limits.Or(_options.Tenant) ?? _options.Tenant;
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e))
        {
            return GatewayErrors.ServiceUnavailable("Rate limiting");
        }

        var outcome = await limiter.AcquireAsync(Checks(context, tenantLimits), context.Aborted);
        RateLimitHeaders.Write(context.Http.Response, outcome, time.GetUtcNow());
        if (outcome.Admitted)
        {
            return null;
        }

        if (outcome.StorageUnavailable)
        {
            return GatewayErrors.ServiceUnavailable("Rate limiting");
        }

        var refused = outcome.Refused!;
        return GatewayErrors.RateLimitExceeded(refused.Check.Scope, refused.Check.Name, refused.Check.Limit, refused.Reset - time.GetUtcNow());
    }

    private List<LimitCheck> Checks(ProxyContext context, RateLimits tenantLimits)
    {
        var key = context.Key!;
        var checks = new List<LimitCheck>(6);
        AddRequestChecks(checks, "key", $"key:{key.Id}", key.Limits.Or(_options.Key));
        AddRequestChecks(checks, "tenant", $"tenant:{key.Tenant}", tenantLimits);
        if (context.EndUser is { } endUser)
        {
            // The end user's id is the app's text: hashed, so any value makes a valid, bounded partition key.
            var userId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endUser)))[..32];
            AddRequestChecks(checks, "user", $"user:{key.Id}:{userId}", _options.EndUser);
        }

        return checks;
    }

    private static void AddRequestChecks(List<LimitCheck> checks, string scope, string scopeId, RateLimits limits)
    {
        if (limits.Rpm is { } rpm)
        {
            checks.Add(new LimitCheck(scope, scopeId, "rpm", LimitPeriod.Minute, rpm, 1));
        }

        if (limits.Rpd is { } rpd)
        {
            checks.Add(new LimitCheck(scope, scopeId, "rpd", LimitPeriod.Day, rpd, 1));
        }
    }
}
