using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// The CLI talks to a running gateway's admin API, so validation and storage rules live in one place. The credential
/// is whatever the API accepts as a bearer: the bootstrap admin key, an issued admin key or an Entra ID token.
/// </summary>
internal sealed class AdminApiClient(Uri baseUrl, string credential) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", credential) },
    };

    public Task<AdminApiResult> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<AdminApiResult> PostAsync(string path, JsonObject? body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? []) }, cancellationToken);

    public Task<AdminApiResult> PatchAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) }, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<AdminApiResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? json;
            try
            {
                json = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                json = null;
            }

            return new AdminApiResult((int)response.StatusCode, json);
        }
    }
}

internal sealed record AdminApiResult(int Status, JsonNode? Json)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string ErrorText =>
        Json?["error"]?["message"]?.GetValue<string>() is { } message
            ? $"{message} ({Json["error"]?["code"]?.GetValue<string>() ?? Status.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : $"HTTP {Status}";
}
