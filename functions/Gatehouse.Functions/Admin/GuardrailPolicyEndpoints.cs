using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.PolicyOverrides;
using Gatehouse.Keys;
using Gatehouse.Tenants;
using Microsoft.Extensions.Options;

namespace Gatehouse.Admin;

/// <summary>
/// <c>/admin/tenants/{id}/guardrail-policy</c> and <c>/admin/keys/{id}/guardrail-policy</c>: a tenant's or key's own
/// guardrail policy, in place of the configured ones (a key's over its tenant's). Whoever may read the tenant or key
/// reads it; only admins set or clear it: an override can loosen the operator's policy (flag what config blocks, or
/// no rules at all), so, like a tenant's limits, it is not the tenant's to lift. A key's change applies on this
/// instance at once; others, and tenant changes, within <c>Keys:CacheTtl</c>.
/// </summary>
internal static class GuardrailPolicyEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{id}/guardrail-policy", GetTenantAsync).WithName("tenants.guardrail-policy.get").Produces<GuardrailPolicyResponse>();
        admin.MapPut("/tenants/{id}/guardrail-policy", PutTenantAsync).WithName("tenants.guardrail-policy.put")
            .Accepts<GuardrailPolicyBody>("application/json").Produces<GuardrailPolicyResponse>();
        admin.MapDelete("/tenants/{id}/guardrail-policy", DeleteTenantAsync).WithName("tenants.guardrail-policy.delete").Produces(204);
        admin.MapGet("/keys/{id}/guardrail-policy", GetKeyAsync).WithName("keys.guardrail-policy.get").Produces<GuardrailPolicyResponse>();
        admin.MapPut("/keys/{id}/guardrail-policy", PutKeyAsync).WithName("keys.guardrail-policy.put")
            .Accepts<GuardrailPolicyBody>("application/json").Produces<GuardrailPolicyResponse>();
        admin.MapDelete("/keys/{id}/guardrail-policy", DeleteKeyAsync).WithName("keys.guardrail-policy.delete").Produces(204);
    }

    private static async Task<IResult> GetTenantAsync(string id, HttpContext http, TenantStore tenants)
    {
        AdminCall.Of(http).Touches(id, id);
        return TenantId.IsValid(id) && AdminCall.PrincipalOf(http).CanRead(id) && await tenants.GetAsync(id, http.RequestAborted) is { } tenant
            ? AdminJson.Ok(GuardrailPolicyResponse.From(tenant.GuardrailOverride))
            : new ErrorResult(GatewayErrors.NotFound($"Tenant '{id}'"));
    }

    private static async Task<IResult> PutTenantAsync(
        string id, HttpContext http, AdminBodyReader reader, TenantStore tenants, IOptions<GatehouseOptions> options, IEnumerable<IGuardrailDetector> detectors)
    {
        AdminCall.Of(http).Touches(id, id);
        if (TenantRefusal(id, http) is { } refusal)
        {
            return new ErrorResult(refusal);
        }

        var (policy, invalid) = await ReadAsync(http, reader, options.Value, detectors);
        return invalid is not null ? new ErrorResult(invalid) : await SetTenantAsync(id, http, tenants, policy);
    }

    private static async Task<IResult> DeleteTenantAsync(string id, HttpContext http, TenantStore tenants)
    {
        AdminCall.Of(http).Touches(id, id);
        return TenantRefusal(id, http) is { } refusal ? new ErrorResult(refusal) : await SetTenantAsync(id, http, tenants, null, cleared: true);
    }

    private static async Task<IResult> GetKeyAsync(string id, HttpContext http, KeyStore keys) =>
        await KeyEndpoints.FindReadableAsync(id, http, keys) is { IsAdminKey: false } key
            ? AdminJson.Ok(GuardrailPolicyResponse.From(key.GuardrailOverride))
            : new ErrorResult(GatewayErrors.NotFound($"Key '{id}'"));

    private static async Task<IResult> PutKeyAsync(
        string id, HttpContext http, AdminBodyReader reader, KeyStore keys, KeyCache cache, IOptions<GatehouseOptions> options, IEnumerable<IGuardrailDetector> detectors)
    {
        var (key, refusal) = await KeyRefusalAsync(id, http, keys);
        if (refusal is not null)
        {
            return new ErrorResult(refusal);
        }

        var (policy, invalid) = await ReadAsync(http, reader, options.Value, detectors);
        return invalid is not null ? new ErrorResult(invalid) : await SetKeyAsync(key!, keys, cache, policy, http.RequestAborted);
    }

    private static async Task<IResult> DeleteKeyAsync(string id, HttpContext http, KeyStore keys, KeyCache cache)
    {
        var (key, refusal) = await KeyRefusalAsync(id, http, keys);
        return refusal is not null ? new ErrorResult(refusal) : await SetKeyAsync(key!, keys, cache, null, http.RequestAborted, cleared: true);
    }

    /// <summary>The body's policy (null for <c>"rules": null</c>), or why it is refused; nothing is written on a refusal.</summary>
    private static async Task<(GuardrailPolicyOverride? Policy, GatewayError? Invalid)> ReadAsync(
        HttpContext http, AdminBodyReader reader, GatehouseOptions options, IEnumerable<IGuardrailDetector> detectors)
    {
        var (body, raw, error) = await reader.ReadAsync<GuardrailPolicyBody>(http);
        if (error is not null || raw is null || !raw.ContainsKey("rules"))
        {
            return (null, error ?? GatewayErrors.MissingParameter("rules"));
        }

        if (body!.Rules is not { } rules)
        {
            return (null, null);
        }

        var parsed = rules.Select(r => r is null ? null : new PolicyOverrideRule(r.Type, r.Action, r.Direction, r.FallbackModel, r.FailOpen ?? false)).ToList();
        HashSet<string> types = [.. detectors.SelectMany(d => d.FindingTypes)];
        return GuardrailPolicyOverride.Validate(parsed, options.Models, types) is [var problem, ..]
            ? (null, GatewayErrors.InvalidValue(problem.Field, problem.Message))
            : (GuardrailPolicyOverride.Create(parsed!), null);
    }

    private static GatewayError? TenantRefusal(string id, HttpContext http)
    {
        var principal = AdminCall.PrincipalOf(http);
        return !TenantId.IsValid(id) || !principal.CanRead(id)
            ? GatewayErrors.NotFound($"Tenant '{id}'")
            : principal.IsAdmin ? null : GatewayErrors.PermissionDenied($"set the guardrail policy of tenant '{id}' (admins only)");
    }

    private static async Task<IResult> SetTenantAsync(string id, HttpContext http, TenantStore tenants, GuardrailPolicyOverride? policy, bool cleared = false) =>
        await tenants.UpdateAsync(id, current => current with { GuardrailOverride = policy }, http.RequestAborted) is { } tenant
            ? cleared ? Results.NoContent() : AdminJson.Ok(GuardrailPolicyResponse.From(tenant.GuardrailOverride))
            : new ErrorResult(GatewayErrors.NotFound($"Tenant '{id}'"));

    private static async Task<(VirtualKey? Key, GatewayError? Refusal)> KeyRefusalAsync(string id, HttpContext http, KeyStore keys)
    {
        if (await KeyEndpoints.FindReadableAsync(id, http, keys) is not { } key)
        {
            return (null, GatewayErrors.NotFound($"Key '{id}'"));
        }

        if (!AdminCall.PrincipalOf(http).IsAdmin)
        {
            return (null, GatewayErrors.PermissionDenied($"set the guardrail policy of key '{id}' (admins only)"));
        }

        // Admin keys never reach /v1, so a policy on one would be a setting that does nothing.
        return key.IsAdminKey
            ? (null, GatewayErrors.InvalidValue("id", "admin keys do not call /v1; guardrail policies apply to app keys."))
            : (key, null);
    }

    private static async Task<IResult> SetKeyAsync(
        VirtualKey key, KeyStore keys, KeyCache cache, GuardrailPolicyOverride? policy, CancellationToken cancellationToken, bool cleared = false)
    {
        var updated = await keys.UpdateAsync(key.Id, current => current with { GuardrailOverride = policy }, cancellationToken);

        // Takes effect here at once; other instances see it within Keys:CacheTtl.
        cache.Invalidate(key.Id);
        return updated is null
            ? new ErrorResult(GatewayErrors.NotFound($"Key '{key.Id}'"))
            : cleared ? Results.NoContent() : AdminJson.Ok(GuardrailPolicyResponse.From(updated.GuardrailOverride));
    }
}
