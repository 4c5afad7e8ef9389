using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Entra;

/// <summary>
/// A local stand-in for Entra ID's OpenID Connect endpoints for one directory, on 127.0.0.1 only: the v2.0 discovery
/// document and its key set, plus a token mint. Point a validator's <c>Instance</c> at <see cref="BaseUrl"/> (with
/// https metadata off). It counts fetches, can rotate its signing key, and can go down, so refresh and fail-closed
/// behaviour can be tested. Every member is safe to call while requests are running.
/// </summary>
public sealed class FakeEntraServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lazy<FakeEntraSigningKey> _unpublishedKey;
    private readonly Lock _keysLock = new();
    private readonly List<FakeEntraSigningKey> _retiredKeys = [];
    private FakeEntraSigningKey _currentKey;
    private FakeEntraSigningKey? _previousKey;
    private int _keySlot;
    private int _metadataRequests;
    private int _keySetRequests;
    private int _outage;
    private int _disposed;

    private FakeEntraServer(WebApplication app, string tenantId, TimeProvider time)
    {
        _app = app;
        _time = time;
        TenantId = tenantId;
        _currentKey = new FakeEntraSigningKey(0, time.GetUtcNow());
        _unpublishedKey = new(() => new FakeEntraSigningKey(FakeEntraKeyMaterial.UnpublishedSlot, time.GetUtcNow()));
    }

    /// <summary>The authority host with a trailing slash, e.g. <c>http://127.0.0.1:40123/</c>: what Entra calls the instance.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The directory id this fake serves; other directories' paths answer 404.</summary>
    public string TenantId { get; }

    /// <summary>The v2.0 issuer, <c>{BaseUrl}{TenantId}/v2.0</c>, as in the discovery document.</summary>
    public string Issuer => $"{BaseUrl}{TenantId}/v2.0";

    /// <summary>The <c>kid</c> tokens are signed with now.</summary>
    public string CurrentKid => Volatile.Read(ref _currentKey).Kid;

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int KeySetRequests => Volatile.Read(ref _keySetRequests);

    /// <summary>Makes the discovery and key endpoints fail (or recover) from the next request on.</summary>
    public FakeEntraOutage Outage
    {
        get => (FakeEntraOutage)Volatile.Read(ref _outage);
        set => Volatile.Write(ref _outage, (int)value);
    }

    /// <summary>Starts a fake for <paramref name="tenantId"/> (a random GUID when null); <paramref name="time"/> dates tokens and certificates.</summary>
    public static async Task<FakeEntraServer> StartAsync(string? tenantId = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeEntraServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        var server = new FakeEntraServer(app, tenantId ?? Guid.NewGuid().ToString(), time ?? TimeProvider.System);
        try
        {
            app.Run(server.HandleAsync);
            await app.StartAsync(ct);
            server.BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Publishes a new signing key (new <c>kid</c>) and signs with it from now on. The previous key stays published
    /// for one more rotation, as Entra keeps old keys listed during a rollover.
    /// </summary>
    public void RotateSigningKey()
    {
        lock (_keysLock)
        {
            if (_previousKey is not null)
                _retiredKeys.Add(_previousKey); // disposed with the server: a token being signed may still hold it
            _previousKey = _currentKey;
            Volatile.Write(ref _currentKey, new FakeEntraSigningKey(++_keySlot, _time.GetUtcNow()));
        }
    }

    /// <summary>
    /// Mints an access token as Entra would for an app-role assignment (v2.0 format; <c>roles</c> is an array).
    /// The optional arguments make it wrong in one way each: issuer, <c>tid</c>, lifetime, key, algorithm
    /// (<c>RS256</c>, <c>HS256</c> keyed with the public key's bytes, or <c>none</c>).
    /// </summary>
    public string IssueToken(
        IEnumerable<string> roles, string audience, string? oid = null, TimeSpan? lifetime = null, DateTimeOffset? now = null,
        string? issuer = null, string? tenantIdClaim = null, bool signWithUnknownKey = false, string alg = "RS256")
    {
        var issuedAt = (now ?? _time.GetUtcNow()).ToUnixTimeSeconds();
        var objectId = oid ?? Guid.NewGuid().ToString();
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = issuer ?? Issuer,
            ["iat"] = issuedAt,
            ["nbf"] = issuedAt,
            ["exp"] = issuedAt + (long)(lifetime ?? TimeSpan.FromHours(1)).TotalSeconds,
            ["azp"] = Guid.NewGuid().ToString(),
            ["azpacr"] = "1",
            ["oid"] = objectId,
            ["roles"] = new JsonArray([.. roles.Select(r => JsonValue.Create(r))]),
            ["sub"] = objectId,
            ["tid"] = tenantIdClaim ?? TenantId,
            ["uti"] = Guid.NewGuid().ToString("N"),
            ["ver"] = "2.0",
        };
        var key = signWithUnknownKey ? _unpublishedKey.Value : Volatile.Read(ref _currentKey);
        return FakeEntraTokenWriter.Write(payload, alg, key, key.PublicKeyBytes);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        var isDiscovery = path == FakeEntraDocuments.DiscoveryPath(TenantId);
        var isKeys = path == FakeEntraDocuments.KeysPath(TenantId);
        if (!HttpMethods.IsGet(context.Request.Method) || !(isDiscovery || isKeys))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Interlocked.Increment(ref isDiscovery ? ref _metadataRequests : ref _keySetRequests);
        switch (Outage)
        {
            case FakeEntraOutage.Hang:
                await HangAsync(context.RequestAborted);
                return;
            case FakeEntraOutage.ServerError:
                await WriteJsonAsync(context, StatusCodes.Status500InternalServerError, FakeEntraDocuments.ServerError());
                return;
        }

        var body = isDiscovery ? FakeEntraDocuments.Discovery(BaseUrl, TenantId) : FakeEntraDocuments.KeySet(PublishedKeys(), Issuer);
        await WriteJsonAsync(context, StatusCodes.Status200OK, body);
    }

    private FakeEntraSigningKey[] PublishedKeys()
    {
        lock (_keysLock)
        {
            return _previousKey is null ? [_currentKey] : [_currentKey, _previousKey];
        }
    }

    private async Task HangAsync(CancellationToken requestAborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the fake is stopping: either way the request ends unanswered.
        }
    }

    private static Task WriteJsonAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        lock (_keysLock)
        {
            foreach (var key in _retiredKeys.Append(_currentKey).Concat(_previousKey is null ? [] : [_previousKey]))
                key.Dispose();
            if (_unpublishedKey.IsValueCreated)
                _unpublishedKey.Value.Dispose();
        }
    }
}
