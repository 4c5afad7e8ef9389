using Gatehouse.Errors;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Redaction;
using Gatehouse.Routing;

namespace Gatehouse.Proxy.Stages;

/// <summary>
/// Runs the request's guardrail policy (<see cref="GuardrailPolicyResolver"/>) over the prompt (<see cref="GuardrailPipeline"/>) and carries out its verdict:
/// block with 400 <c>guardrail_blocked</c>; otherwise redact and mask what the rules say to (the body that goes
/// upstream is a rewritten copy: the provider never sees a masked value, and the vault keeps them for the answer),
/// fall back by re-routing to the alias the rule names, or flag and go on. Says what it decided in
/// <see cref="GatewayHeaders.Guardrails"/>, set before any answer starts, so error and streamed answers carry it too.
/// Aliases without a policy pass untouched, with no header, unless a tenant's custom rule acted.
/// </summary>
internal sealed partial class InputGuardrailStage(
    GuardrailPipeline guardrails, GuardrailPolicyResolver policies, ModelCatalog catalog, DeploymentPlanner planner, ILogger<InputGuardrailStage> logger) : IProxyStage
{
    public async ValueTask<GatewayError?> RunAsync(ProxyContext context)
    {
        // The key's override, else its tenant's, else the alias's configured policy.
        if (policies.Resolve(context.ModelAlias!, context.Key!, context.Tenant) is not { } policy)
        {
            return null;
        }

        context.GuardrailPolicy = policy;
        var input = GuardrailInput.FromBody(context.Operation, context.Body!, context.Key?.Tenant, context.Key?.Id);
        var verdict = await guardrails.InspectAsync(policy, input, context.Aborted);
        if (policy.Rules.Count == 0 && verdict.Action is null)
        {
            return null; // no policy of its own and no custom rule acted: as quiet as an alias without guardrails
        }

        if (verdict.Action != GuardrailAction.Block && verdict.Rewrites.Count > 0)
        {
            verdict = Rewrite(context, input, verdict);
        }

        var summary = verdict.Summary;
        context.Guardrails = verdict;
        context.Http.Response.Headers[GatewayHeaders.Guardrails] = summary;
        if (verdict.Action is not { } action)
        {
            return null;
        }

        LogDecided(logger, context.RequestId, action, policy.Name, summary);
        return action switch
        {
            GuardrailAction.Block => GatewayErrors.GuardrailBlocked(verdict.TypesFor(GuardrailAction.Block)),
            GuardrailAction.Fallback => FallBack(context, verdict),
            _ => null,
        };
    }

    /// <summary>
    /// Replaces the body that goes upstream by a copy with every span to redact or mask replaced, keeps the masked
    /// values for the answer, and counts what was replaced. The prompt is counted again for the text the model gets.
    /// </summary>
    private static GuardrailVerdict Rewrite(ProxyContext context, GuardrailInput input, GuardrailVerdict verdict)
    {
        var vault = verdict.Rewrites.Any(r => r.Action == GuardrailAction.Mask) ? new RedactionVault(context.Body!.ToJsonString()) : null;
        var applied = new List<GuardrailRewrite>();
        context.Body = RequestRedactor.Apply(context.Operation, context.Body!, input, verdict.Rewrites, vault, applied);
        context.Vault = vault is { Count: > 0 } ? vault : null;
        context.PromptTokens = null;
        return verdict.WithCounts(applied);
    }

    /// <summary>
    /// Serves the request with the rule's alias instead: its route and plan replace the ones routing chose, and the prompt
    /// is counted again for its model. The key's model allow-list is deliberately not checked against that alias: the
    /// fallback is the operator's security measure, not the client's choice, and a key allowed only the alias it asked
    /// for must still be served by the stricter model rather than refused.
    /// </summary>
    private GatewayError? FallBack(ProxyContext context, GuardrailVerdict verdict)
    {
        var to = verdict.FallbackModel!;
        if (!catalog.TryGetRoute(to, out var route))
        {
            throw new InvalidOperationException($"The guardrail fallback alias '{to}' has no route; start-up validation should have refused it.");
        }

        context.Fallback = new GuardrailFallback(context.ModelAlias!, to, verdict.TypesFor(GuardrailAction.Fallback));
        context.Route = route;
        context.Plan = planner.Plan(route);
        context.Deployment = context.Plan[0];
        context.PromptTokens = null;
        return null;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Request {RequestId}: guardrails decided {Action} under policy {Policy} ({Summary})")]
    private static partial void LogDecided(ILogger logger, string requestId, GuardrailAction action, string policy, string summary);
}
