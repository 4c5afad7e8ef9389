using Gatehouse.Configuration;

namespace Gatehouse.Routing;

/// <summary>
/// A configured provider account, resolved at start: its adapter name, base URL, credential and timeouts.
/// A class, not a record, so the API key can never appear in a generated ToString or a log line.
/// </summary>
public sealed class ProviderEndpoint(string name, string type, Uri baseUrl, string? apiKey, ProviderOptions options)
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    /// <summary>Base URL without a trailing slash, e.g. <c>https://api.openai.com/v1</c>.</summary>
    public Uri BaseUrl { get; } = baseUrl;

    public string? ApiKey { get; } = apiKey;

    public ProviderAuth Auth { get; } = options.Auth;

    public string EntraScope { get; } = options.EntraScope;

    /// <summary>The configured API version, or null for the adapter's default.</summary>
    public string? ApiVersion { get; } = string.IsNullOrWhiteSpace(options.ApiVersion) ? null : options.ApiVersion;

    public bool RequestStreamUsage { get; } = options.RequestStreamUsage;

    public TimeSpan ResponseHeadersTimeout { get; } = options.ResponseHeadersTimeout;

    public TimeSpan IdleTimeout { get; } = options.IdleTimeout;

    public TimeSpan RequestTimeout { get; } = options.RequestTimeout;

    public Uri Resolve(string relativePath) => new($"{BaseUrl.AbsoluteUri.TrimEnd('/')}/{relativePath}");

    public override string ToString() => Name;
}
