using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gatehouse.TestDoubles.Hosting;

namespace Gatehouse.TestDoubles.KeyVault;

/// <summary>
/// A local stand-in for one Azure Key Vault's secrets endpoint, on 127.0.0.1: <c>GET /secrets/{name}[/{version}]
/// ?api-version=…</c> answers as Key Vault does (the value, its versioned <c>id</c>, attributes), with Key Vault's error
/// shape for a missing or wrong bearer token (401 with the challenge header), an unknown secret (404
/// <c>SecretNotFound</c>) and a missing api-version (400). It can also hang, for timeout tests.
/// </summary>
public sealed class FakeKeyVaultServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, List<(string Version, string Value)>> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _accessToken;
    private LoopbackHost _host = null!;
    private int _requests;
    private volatile bool _hang;

    private FakeKeyVaultServer(string accessToken) => _accessToken = accessToken;

    /// <summary>The vault URI with a trailing slash, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl => new(_host.Address + "/");

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Accept requests and never answer (until the client gives up or the fake stops).</summary>
    public bool Hang
    {
        get => _hang;
        set => _hang = value;
    }

    /// <summary>Starts a vault that accepts only <c>Bearer {accessToken}</c>.</summary>
    public static async Task<FakeKeyVaultServer> StartAsync(string accessToken, CancellationToken ct = default)
    {
        var server = new FakeKeyVaultServer(accessToken);
        server._host = await LoopbackHost.StartAsync(0, stopping => context => server.HandleAsync(context, stopping), ct);
        return server;
    }

    /// <summary>Adds a new version of the secret (the latest is what an unversioned GET returns); returns the version.</summary>
    public string SetSecret(string name, string value)
    {
        var version = Guid.NewGuid().ToString("N");
        var versions = _secrets.GetOrAdd(name, _ => []);
        lock (versions)
        {
            versions.Add((version, value));
        }

        return version;
    }

    private async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        Interlocked.Increment(ref _requests);
        if (_hang)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        var segments = context.Request.Path.Value?.Trim('/').Split('/') ?? [];
        if (!HttpMethods.IsGet(context.Request.Method) || segments.Length is < 2 or > 3 || segments[0] != "secrets")
        {
            await ErrorAsync(context, 404, "NotFound", "The requested resource was not found.");
            return;
        }

        if (string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            await ErrorAsync(context, 400, "BadParameter", "The request URI contains an invalid or missing api-version.");
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization != $"Bearer {_accessToken}")
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"https://login.microsoftonline.com/{Guid.Empty}\", resource=\"https://vault.azure.net\"";
            await ErrorAsync(context, 401, "Unauthorized", authorization.Length == 0
                ? "AKV10000: Request is missing a Bearer or PoP token."
                : "AKV10032: Invalid issuer. Expected one of https://sts.windows.net/..., found https://sts.windows.net/other/.");
            return;
        }

        if (Find(segments[1], segments.ElementAtOrDefault(2)) is not { } secret)
        {
            await ErrorAsync(context, 404, "SecretNotFound",
                $"A secret with (name/id) {segments[1]} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");
            return;
        }

        var now = DateTimeOffset.UnixEpoch.AddYears(56).ToUnixTimeSeconds(); // a fixed date: nothing reads it
        await JsonAsync(context, 200, new JsonObject
        {
            ["value"] = secret.Value,
            ["id"] = $"{BaseUrl}secrets/{segments[1]}/{secret.Version}",
            ["attributes"] = new JsonObject
            {
                ["enabled"] = true,
                ["created"] = now,
                ["updated"] = now,
                ["recoveryLevel"] = "Recoverable+Purgeable",
                ["recoverableDays"] = 90,
            },
            ["tags"] = new JsonObject(),
        });
    }

    private (string Version, string Value)? Find(string name, string? version)
    {
        if (!_secrets.TryGetValue(name, out var versions))
        {
            return null;
        }

        lock (versions)
        {
            return version is null ? versions[^1] : versions.FirstOrDefault(v => v.Version == version) is { Version: not null } found ? found : null;
        }
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static Task JsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
