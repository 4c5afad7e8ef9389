using Gatehouse.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Guardrails.Rules;

/// <summary>Refuses to start with a configured custom rule that does not hold, reporting every problem at once.</summary>
public sealed class CustomRuleOptionsValidator(ConfiguredCustomRules rules) : IValidateOptions<GatehouseOptions>
{
    public ValidateOptionsResult Validate(string? name, GatehouseOptions options) =>
        rules.Errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(rules.Errors);
}
