using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Audit.Bodies;

/// <summary>
/// Reads the Key Vault keys (<see cref="AuditBodyKeyVaultOptions.SecretNames"/>) into the key ring at start, before the
/// gateway takes requests. Fails closed: when bodies are stored (mode not off) a key that cannot be read, or is not a
/// 32-byte base64 value, stops the start. When off, the gateway starts and only reading old bodies under that key fails.
/// </summary>
public sealed partial class AuditBodyKeyLoader(
    IOptions<AuditBodyOptions> options, KeyVaultSecretReader reader, AuditBodyKeyRing keys, ILogger<AuditBodyKeyLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value;
        var vault = configured.KeyVault;
        if (vault.SecretNames.Count == 0)
        {
            return;
        }

        var loaded = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var vaultUri = new Uri(vault.VaultUri!.EndsWith('/') ? vault.VaultUri : vault.VaultUri + "/");
        foreach (var (id, secret) in vault.SecretNames)
        {
            try
            {
                var value = await reader.ReadAsync(vaultUri, secret, vault.Timeout, cancellationToken);
                loaded[id] = AuditBodyKey.Problem(value) is { } problem
                    ? throw new AuditBodyException($"Key Vault secret '{secret}' for body key '{id}' {problem}")
                    : AuditBodyKey.Decode(value);
            }
            catch (AuditBodyException e) when (configured.Mode == AuditBodyMode.Off)
            {
                LogKeyUnavailable(logger, id, e.Message);
            }
            catch (AuditBodyException e)
            {
                throw new InvalidOperationException($"{AuditBodyOptions.SectionName}: body key '{id}' could not be loaded, so bodies cannot be stored: {e.Message}", e);
            }
        }

        keys.Add(loaded);
        LogLoaded(logger, loaded.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9201, Level = LogLevel.Information, Message = "Loaded {Count} audit body keys from Key Vault")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Warning, Message = "Audit body key {KeyId} could not be loaded from Key Vault ({Reason}); bodies are off, so only reading old bodies under it fails")]
    private static partial void LogKeyUnavailable(ILogger logger, string keyId, string reason);
}
