using Gatehouse.Errors;
using Gatehouse.Guardrails.Rules;
using Gatehouse.Tenants;

namespace Gatehouse.Admin;

/// <summary>
/// <c>/admin/tenants/{id}/guardrail-rules</c>: a tenant's custom rules. Readers of the tenant list them (configured
/// ones too, marked <c>config</c>); its tenant admins and admins put and delete them. A rule only adds findings, so
/// unlike the tenant's limits a tenant admin cannot loosen anything with one. A change applies on this instance at
/// once and on others within <c>Keys:CacheTtl</c>; every change is audited (<see cref="AdminAuditFilter"/>).
/// </summary>
internal static class GuardrailRuleEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{id}/guardrail-rules", ListAsync).WithName("tenants.guardrail-rules.list").Produces<ListResponse<GuardrailRuleResponse>>();
        admin.MapPut("/tenants/{id}/guardrail-rules/{name}", PutAsync).WithName("tenants.guardrail-rules.put")
            .Accepts<GuardrailRuleBody>("application/json").Produces<GuardrailRuleResponse>().Produces<GuardrailRuleResponse>(201);
        admin.MapDelete("/tenants/{id}/guardrail-rules/{name}", DeleteAsync).WithName("tenants.guardrail-rules.delete").Produces(204);
    }

    private static async Task<IResult> ListAsync(string id, HttpContext http, TenantStore tenants, CustomRuleStore store, ConfiguredCustomRules configured)
    {
        AdminCall.Of(http).Touches(id, id);
        if (!TenantId.IsValid(id) || !AdminCall.PrincipalOf(http).CanRead(id) || await tenants.GetAsync(id, http.RequestAborted) is null)
        {
            return new ErrorResult(GatewayErrors.NotFound($"Tenant '{id}'"));
        }

        var fromConfig = configured.For(id);
        var stored = await store.ListAsync(id, http.RequestAborted);
        return AdminJson.List(fromConfig.Concat(stored.Where(rule => fromConfig.All(c => c.Name != rule.Name))).Select(GuardrailRuleResponse.From));
    }

    private static async Task<IResult> PutAsync(
        string id, string name, HttpContext http, AdminBodyReader reader, TenantStore tenants, CustomRuleStore store, ConfiguredCustomRules configured, CustomRuleCache cache)
    {
        AdminCall.Of(http).Touches(id, name);
        if (await ManageableAsync(id, http, tenants) is { } refusal)
        {
            return new ErrorResult(refusal);
        }

        var (body, _, error) = await reader.ReadAsync<GuardrailRuleBody>(http);
        var rule = body is null ? null : new CustomRule(
            name, body.Kind ?? "", body.Pattern, body.Terms ?? [], body.Direction ?? CustomRuleSyntax.DirectionBoth, body.Action ?? "", body.Description);
        var invalid = error
            ?? (CustomRuleSyntax.IsValidName(name) ? null : GatewayErrors.InvalidValue("name", $"a rule name is {CustomRuleSyntax.NameRule}."))
            ?? InConfig(id, name, configured)
            ?? (body!.Kind is null ? GatewayErrors.MissingParameter("kind") : null)
            ?? (body.Action is null ? GatewayErrors.MissingParameter("action") : null)
            ?? (CustomRuleSyntax.Check(rule!) is [var problem, ..] ? GatewayErrors.InvalidValue(problem.Field, problem.Message) : null);
        if (invalid is not null)
        {
            return new ErrorResult(invalid);
        }

        // Configured rules count against the tenant's limits too.
        var fromConfig = configured.For(id);
        var maxRules = CustomRuleSyntax.MaxRulesPerTenant - fromConfig.Count;
        var maxTermCharacters = CustomRuleSyntax.MaxTermCharactersPerTenant - fromConfig.Sum(r => CustomRuleSyntax.TermCharacters(r.Terms));
        var (write, stored) = await store.PutAsync(id, rule!, maxRules, maxTermCharacters, AdminCall.PrincipalOf(http).Id, http.RequestAborted);
        switch (write)
        {
            case CustomRuleWrite.LimitReached:
                return new ErrorResult(new GatewayError(400, ErrorTypes.InvalidRequest, "too_many_guardrail_rules",
                    $"Tenant '{id}' already has {CustomRuleSyntax.MaxRulesPerTenant} guardrail rules, the most a tenant may have; delete one first.", "name"));
            case CustomRuleWrite.TermsLimitReached:
                return new ErrorResult(GatewayErrors.InvalidValue("terms",
                    $"the deny lists of tenant '{id}' would hold more than {CustomRuleSyntax.MaxTermCharactersPerTenant} characters of terms, the most a tenant may have."));
        }

        await cache.ReloadAsync(id);
        var response = GuardrailRuleResponse.From(stored!);
        return write == CustomRuleWrite.Created ? AdminJson.Created(response) : AdminJson.Ok(response);
    }

    private static async Task<IResult> DeleteAsync(
        string id, string name, HttpContext http, TenantStore tenants, CustomRuleStore store, ConfiguredCustomRules configured, CustomRuleCache cache)
    {
        AdminCall.Of(http).Touches(id, name);
        var refusal = await ManageableAsync(id, http, tenants) ?? InConfig(id, name, configured);
        if (refusal is not null)
        {
            return new ErrorResult(refusal);
        }

        if (!CustomRuleSyntax.IsValidName(name) || !await store.DeleteAsync(id, name, http.RequestAborted))
        {
            return new ErrorResult(GatewayErrors.NotFound($"Guardrail rule '{name}' of tenant '{id}'"));
        }

        await cache.ReloadAsync(id);
        return Results.NoContent();
    }

    /// <summary>Tenants the caller cannot see are "not found", so their ids cannot be probed; seen but not managed is 403.</summary>
    private static async Task<GatewayError?> ManageableAsync(string id, HttpContext http, TenantStore tenants)
    {
        var principal = AdminCall.PrincipalOf(http);
        if (!TenantId.IsValid(id) || !principal.CanRead(id))
        {
            return GatewayErrors.NotFound($"Tenant '{id}'");
        }

        if (!principal.CanManage(id))
        {
            return GatewayErrors.PermissionDenied($"change the guardrail rules of tenant '{id}'");
        }

        return await tenants.GetAsync(id, http.RequestAborted) is null ? GatewayErrors.NotFound($"Tenant '{id}'") : null;
    }

    private static GatewayError? InConfig(string tenant, string name, ConfiguredCustomRules configured) =>
        configured.For(tenant).Any(rule => rule.Name == name)
            ? GatewayErrors.Conflict("guardrail_rule_in_config",
                $"The rule '{name}' of tenant '{tenant}' is set in the gateway's configuration ({ConfiguredCustomRules.SectionName}); change it there.")
            : null;
}
