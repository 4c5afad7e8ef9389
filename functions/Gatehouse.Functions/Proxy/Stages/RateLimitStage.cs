using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Limits;
using Gatehouse.Storage;
using Gatehouse.Tenants;
using Gatehouse.Tokens;
using Microsoft.Extensions.Options;

namespace Gatehouse.Proxy.Stages;

/// <summary>
/// Concurrency, request and token limits per key, tenant and end user (within the key or tenant), after routing so a
/// request refused for its model costs no quota. Token limits are charged the estimated prompt plus allowed output
/// before the call and settled to the provider's usage after it, when the in-flight slots are also released
/// (<see cref="Complete"/>). Sets the OpenAI-style <c>x-ratelimit-*</c> headers on every answer it lets through or refuses.
/// </summary>
internal sealed class RateLimitStage(RateLimiter limiter, ConcurrencyLimiter concurrency, TenantCache tenants, IOptions<GatehouseOptions> options, TimeProvider time) : IProxyStage
{
    private readonly LimitOptions _options = options.Value.Limits;

    public async ValueTask<GatewayError?> RunAsync(ProxyContext context)
    {
        RateLimits tenantLimits;
        try
        {
            context.Tenant = await tenants.GetAsync(context.Key!.Tenant, context.Aborted);
            tenantLimits = context.Tenant?.Limits.Or(_options.Tenant) ?? _options.Tenant;
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e))
        {
            return GatewayErrors.ServiceUnavailable("Rate limiting");
        }

        var scopes = Scopes(context, tenantLimits);

        // In-flight slots first: they are the only part a refusal further on must give back by hand.
        var slots = await concurrency.AcquireAsync(ConcurrencyChecks(scopes), context.Aborted);
        if (!slots.Admitted)
        {
            return slots.StorageUnavailable
                ? GatewayErrors.ServiceUnavailable("Rate limiting")
                : GatewayErrors.ConcurrencyLimitExceeded(slots.Refused!.Scope, slots.Refused.Limit);
        }

        context.Concurrency = slots;
        var outcome = await limiter.AcquireAsync(Checks(context, scopes), context.Aborted);
        RateLimitHeaders.Write(context.Http.Response, outcome, time.GetUtcNow());
        if (outcome.Admitted)
        {
            context.Limits = outcome;
            return null;
        }

        if (outcome.StorageUnavailable)
        {
            return GatewayErrors.ServiceUnavailable("Rate limiting");
        }

        var refused = outcome.Refused!.Check;
        return refused.Units > refused.Limit
            ? GatewayErrors.TokensExceedLimit(refused.Scope, refused.Limit, refused.Units)
            : GatewayErrors.RateLimitExceeded(refused.Scope, refused.Name, refused.Limit, outcome.Refused.Reset - time.GetUtcNow());
    }

    /// <summary>After the response (or a refusal): slots are released, token limits corrected to what the call used.</summary>
    public static void Complete(ProxyContext context)
    {
        context.Concurrency?.Dispose();
        if (context.Limits is { } outcome && UsedTokens(context) is { } used)
        {
            RateLimiter.Settle(outcome, used);
        }
    }

    /// <summary>
    /// The provider's usage when it reported one; nothing when no tokens can have been produced (refused before or by
    /// the provider); otherwise unknown (null), and the up-front estimate stands.
    /// </summary>
    private static long? UsedTokens(ProxyContext context)
    {
        if (context.Usage is { } usage)
        {
            return usage.TotalTokens;
        }

        return context.NothingProduced ? 0 : null;
    }

    /// <summary>The scopes this request counts against, each with the limits that apply to it.</summary>
    private List<(string Scope, string ScopeId, RateLimits Limits)> Scopes(ProxyContext context, RateLimits tenantLimits)
    {
        var key = context.Key!;
        var scopes = new List<(string, string, RateLimits)>(3)
        {
            ("key", ScopeIds.Key(key.Id), key.Limits.Or(_options.Key)),
            ("tenant", ScopeIds.Tenant(key.Tenant), tenantLimits),
        };
        if (context.EndUser is { } endUser)
        {
            context.EndUserScopeId = ScopeIds.EndUser(key.Id, key.Tenant, endUser, _options.EndUserScope);
            scopes.Add(("user", context.EndUserScopeId, _options.EndUser));
        }

        return scopes;
    }

    private static List<ConcurrencyCheck> ConcurrencyChecks(List<(string Scope, string ScopeId, RateLimits Limits)> scopes) =>
        [.. scopes.Where(s => s.Limits.Concurrency is not null).Select(s => new ConcurrencyCheck(s.Scope, s.ScopeId, s.Limits.Concurrency!.Value))];

    private List<LimitCheck> Checks(ProxyContext context, List<(string Scope, string ScopeId, RateLimits Limits)> scopes)
    {
        // Counting tokens costs a pass over the prompt, so only when some token limit applies.
        var tokens = scopes.Any(s => s.Limits.Tpm is not null)
            ? (long)Metering.CountPrompt(context) + TokenEstimator.MaxOutput(context.Operation, context.Body!, _options.DefaultMaxOutputTokens)
            : 0;

        var checks = new List<LimitCheck>(9);
        foreach (var (scope, scopeId, limits) in scopes)
        {
            AddChecks(checks, scope, scopeId, limits, tokens);
        }

        return checks;
    }

    private static void AddChecks(List<LimitCheck> checks, string scope, string scopeId, RateLimits limits, long tokens)
    {
        if (limits.Rpm is { } rpm)
        {
            checks.Add(new LimitCheck(scope, scopeId, "rpm", LimitPeriod.Minute, rpm, 1));
        }

        if (limits.Rpd is { } rpd)
        {
            checks.Add(new LimitCheck(scope, scopeId, "rpd", LimitPeriod.Day, rpd, 1));
        }

        if (limits.Tpm is { } tpm)
        {
            checks.Add(new LimitCheck(scope, scopeId, "tpm", LimitPeriod.Minute, tpm, tokens));
        }
    }
}
