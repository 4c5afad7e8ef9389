using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Core;

namespace Gatehouse.Audit.Bodies;

/// <summary>
/// Reads a secret's current value with the Key Vault REST API (<c>GET {vault}/secrets/{name}?api-version=7.4</c>, a
/// bearer token for <see cref="Scope"/> from the app's identity). There is no Key Vault SDK in this package source, and
/// one GET at start needs none. Errors name the secret and the status, never a value.
/// </summary>
public sealed class KeyVaultSecretReader(IHttpClientFactory httpClients, Func<TokenCredential> credential)
{
    public const string HttpClientName = "gatehouse-keyvault";
    public const string Scope = "https://vault.azure.net/.default";
    public const string ApiVersion = "7.4";

    /// <summary>A secret's value is at most 25 KiB in Key Vault; anything much larger is not its answer.</summary>
    private const int MaxResponseBytes = 64 * 1024;

    private readonly Lazy<TokenCredential> _credential = new(credential);

    /// <summary>The secret's value; throws <see cref="AuditBodyException"/> on any failure, including <paramref name="timeout"/> passing.</summary>
    public async Task<string> ReadAsync(Uri vault, string secretName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var token = await _credential.Value.GetTokenAsync(new TokenRequestContext([Scope]), deadline.Token);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(vault, $"secrets/{Uri.EscapeDataString(secretName)}?api-version={ApiVersion}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await ReadBoundedAsync(response.Content, deadline.Token);
            return response.IsSuccessStatusCode
                ? ValueOf(body, secretName)
                : throw new AuditBodyException($"Key Vault answered {(int)response.StatusCode} for secret '{secretName}'{Hint(response.StatusCode)}{ErrorCode(body)}.");
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AuditBodyException($"Key Vault did not answer for secret '{secretName}' within {timeout.TotalSeconds:0.#} s.", e);
        }
        catch (Exception e) when (e is HttpRequestException or Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException)
        {
            throw new AuditBodyException($"Key Vault could not be reached for secret '{secretName}' ({e.GetType().Name}).", e);
        }
    }

    private static string Hint(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => " (the token was refused)",
        HttpStatusCode.Forbidden => " (the app's identity needs the Key Vault Secrets User role)",
        HttpStatusCode.NotFound => " (no such secret)",
        _ => "",
    };

    private static string ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? $": {code.GetString()}"
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string ValueOf(string body, string secretName)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Reported below, without the body: it may hold the secret.
        }

        throw new AuditBodyException($"Key Vault's answer for secret '{secretName}' has no string 'value'.");
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > MaxResponseBytes
            ? throw new AuditBodyException($"Key Vault's answer is larger than {MaxResponseBytes} bytes.")
            : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }
}
