using Gatehouse.Configuration;

namespace Gatehouse.Guardrails;

/// <summary>
/// One rule: what a finding of <see cref="Type"/> does to the request (<see cref="Action"/>). A rule naming the type
/// exactly wins over a <c>*</c> rule.
/// </summary>
public sealed class GuardrailRuleOptions
{
    /// <summary>A finding type (<see cref="GuardrailFindingTypes"/>), or <c>*</c> for every type.</summary>
    public string Type { get; set; } = "";

    /// <summary><c>block</c>, <c>flag</c>, <c>fallback</c>, <c>redact</c> or <c>mask</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>
    /// Which text the rule inspects: <c>input</c> (the prompt), <c>output</c> (the answer) or <c>both</c> (the default).
    /// <c>fallback</c> re-routes a request, so it acts on input only and <c>output</c> is refused for it; <c>mask</c>
    /// acts on an answer as <c>redact</c> (an answer has nothing to restore), and <c>output</c> is refused for it too.
    /// </summary>
    public string? Direction { get; set; }

    /// <summary>For <c>fallback</c>: the model alias that serves the request instead.</summary>
    public string? FallbackModel { get; set; }

    /// <summary>
    /// When a detector this rule needs throws or times out: false (the default) blocks the request, true only flags it.
    /// </summary>
    public bool FailOpen { get; set; }

    /// <summary>Every problem with the rule, for a policy that applies to <paramref name="aliases"/>.</summary>
    public IReadOnlyList<string> Validate(
        string path, IReadOnlyList<string> aliases, IReadOnlyDictionary<string, ModelRouteOptions> models, IReadOnlySet<string> findingTypes)
    {
        var errors = new List<string>();
        var known = $"{string.Join(", ", findingTypes.Order(StringComparer.Ordinal))}, or '{GuardrailFindingTypes.Any}'";
        if (string.IsNullOrWhiteSpace(Type))
        {
            errors.Add($"{path}:Type: is required: {known}.");
        }
        else if (Type != GuardrailFindingTypes.Any && !findingTypes.Contains(Type))
        {
            errors.Add($"{path}:Type: unknown finding type '{Type}'; known: {known}.");
        }

        var knownDirection = GuardrailDirections.TryParse(Direction, out var direction);
        if (!knownDirection)
        {
            errors.Add($"{path}:Direction: unknown direction '{Direction}'; known: {string.Join(", ", GuardrailDirections.All)}.");
        }

        if (!GuardrailActions.TryParse(Action, out var action))
        {
            errors.Add($"{path}:Action: unknown action '{Action}'; known: {string.Join(", ", GuardrailActions.All)}.");
        }
        else if (knownDirection && direction == GuardrailDirection.Output && action is GuardrailAction.Fallback or GuardrailAction.Mask)
        {
            errors.Add(action == GuardrailAction.Fallback
                ? $"{path}:Direction: a fallback re-routes the request, so it cannot act on output; use block, redact or flag for answers."
                : $"{path}:Direction: a mask on output would have nothing to restore; use redact for answers (a mask with direction both masks the prompt and redacts the answer).");
        }
        else if (action == GuardrailAction.Fallback)
        {
            ValidateFallback(path, aliases, models, errors);
        }

        return errors;
    }

    private void ValidateFallback(string path, IReadOnlyList<string> aliases, IReadOnlyDictionary<string, ModelRouteOptions> models, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(FallbackModel))
        {
            errors.Add($"{path}:FallbackModel: is required for a fallback: the model alias that serves the request instead.");
            return;
        }

        if (!models.TryGetValue(FallbackModel, out var target))
        {
            errors.Add($"{path}:FallbackModel: there is no model alias '{FallbackModel}' in Gatehouse:Models.");
            return;
        }

        foreach (var alias in aliases)
        {
            if (alias == FallbackModel)
            {
                errors.Add($"{path}:FallbackModel: the policy applies to '{alias}' itself, which would fall back to itself; give '{alias}' a policy of its own.");
            }
            else if (Operations(models[alias]).Except(Operations(target)).ToList() is { Count: > 0 } missing)
            {
                // Checked here rather than per request: a fallback that cannot serve the request is a config error.
                errors.Add($"{path}:FallbackModel: '{FallbackModel}' does not serve {string.Join(", ", missing)}, which '{alias}' serves.");
            }
        }
    }

    /// <summary>What an alias serves; no <c>Operations</c> means chat, as the catalog reads it.</summary>
    private static List<string> Operations(ModelRouteOptions route) =>
        route.Operations.Count == 0 ? [ModelOperations.Chat] : route.Operations;
}
