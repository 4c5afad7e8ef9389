using System.Text.RegularExpressions;
using Gatehouse.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Audit.Bodies;

/// <summary>
/// Checks <see cref="AuditBodyOptions"/> at start and reports every problem. Fails closed: a mode other than off needs
/// an active key that is configured. A key's problem names its id, never its value.
/// </summary>
public sealed partial class AuditBodyOptionsValidator : IValidateOptions<AuditBodyOptions>
{
    private const string Section = AuditBodyOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AuditBodyOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{Section}:Mode must be off, redacted or full.");
        }

        if (options.MaxBytes is < AuditBodyOptions.MinMaxBytes or > AuditBodyOptions.MaxMaxBytes)
        {
            errors.Add($"{Section}:MaxBytes must be between {AuditBodyOptions.MinMaxBytes} and {AuditBodyOptions.MaxMaxBytes}.");
        }

        foreach (var (id, value) in options.Keys)
        {
            CheckId(id, $"{Section}:Keys", errors);
            if (AuditBodyKey.Problem(value) is { } problem)
            {
                errors.Add($"{Section}:Keys:{id} {problem}");
            }
        }

        CheckKeyVault(options, errors);
        var known = options.Keys.ContainsKey(options.ActiveKeyId ?? "") || options.KeyVault.SecretNames.ContainsKey(options.ActiveKeyId ?? "");
        if (options.Mode != AuditBodyMode.Off && string.IsNullOrEmpty(options.ActiveKeyId))
        {
            errors.Add($"{Section}:ActiveKeyId is required when {Section}:Mode is {options.Mode.ToString().ToLowerInvariant()}: bodies are never stored unencrypted.");
        }
        else if (!string.IsNullOrEmpty(options.ActiveKeyId) && !known)
        {
            errors.Add($"{Section}:ActiveKeyId '{options.ActiveKeyId}' is not one of {Section}:Keys or {Section}:KeyVault:SecretNames.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckKeyVault(AuditBodyOptions options, List<string> errors)
    {
        var vault = options.KeyVault;
        foreach (var (id, secret) in vault.SecretNames)
        {
            CheckId(id, $"{Section}:KeyVault:SecretNames", errors);
            if (options.Keys.ContainsKey(id))
            {
                errors.Add($"{Section}:KeyVault:SecretNames:{id} names a key also in {Section}:Keys; give each key one source.");
            }

            if (!SecretName().IsMatch(secret ?? ""))
            {
                errors.Add($"{Section}:KeyVault:SecretNames:{id} must be a Key Vault secret name (1-127 letters, digits and dashes).");
            }
        }

        if (vault.SecretNames.Count > 0 && string.IsNullOrEmpty(vault.VaultUri))
        {
            errors.Add($"{Section}:KeyVault:VaultUri is required when {Section}:KeyVault:SecretNames is set.");
        }
        else if (!string.IsNullOrEmpty(vault.VaultUri) && UpstreamUrlRule.Check(vault.VaultUri) is { } problem)
        {
            errors.Add($"{Section}:KeyVault:VaultUri {problem}");
        }

        if (vault.Timeout < TimeSpan.FromSeconds(1) || vault.Timeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"{Section}:KeyVault:Timeout must be between 00:00:01 and 00:02:00.");
        }
    }

    private static void CheckId(string id, string path, List<string> errors)
    {
        if (!KeyId().IsMatch(id))
        {
            errors.Add($"{path}: key id '{id}' must be 1-64 letters, digits, '.', '_' or '-'.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyId();

    [GeneratedRegex("^[A-Za-z0-9-]{1,127}$")]
    private static partial Regex SecretName();
}
