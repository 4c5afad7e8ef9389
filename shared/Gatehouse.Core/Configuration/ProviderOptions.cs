using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Configuration;

/// <summary>One upstream provider account: wire format, base URL, credential and timeouts.</summary>
public sealed class ProviderOptions
{
    /// <summary>Wire format, one of <see cref="Providers.ProviderNames"/> (e.g. <c>openai</c>).</summary>
    [Required]
    public string Type { get; set; } = "";

    /// <summary>https URL (http only for loopback test doubles), e.g. <c>https://api.openai.com/v1</c>.</summary>
    [Required]
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// Name of the setting that holds the API key (an environment variable or app setting such as
    /// <c>OPENAI_API_KEY</c>; in Azure, an app setting that is a Key Vault reference). Never the key itself.
    /// </summary>
    public string? ApiKeySetting { get; set; }

    /// <summary><c>ApiKey</c> (default) or <c>Entra</c> (Azure OpenAI only: a token from the app's identity).</summary>
    public ProviderAuth Auth { get; set; } = ProviderAuth.ApiKey;

    /// <summary>The token scope asked for when <see cref="Auth"/> is <c>Entra</c>.</summary>
    public string EntraScope { get; set; } = "https://cognitiveservices.azure.com/.default";

    /// <summary>
    /// The API version the wire format pins: Azure OpenAI's <c>api-version</c> query value, Anthropic's
    /// <c>anthropic-version</c> header. Empty means the adapter's documented default.
    /// </summary>
    public string? ApiVersion { get; set; }

    /// <summary>When true and the key setting is empty, the provider is disabled instead of failing start-up.</summary>
    public bool Optional { get; set; }

    /// <summary>
    /// Ask for token usage on streams (<c>stream_options.include_usage</c>), so cost and limits settle on the provider's
    /// counts; the extra chunk is removed for clients that did not ask. Turn off for a server that rejects the option:
    /// the gateway then counts the streamed text itself.
    /// </summary>
    public bool RequestStreamUsage { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed until the upstream's status line and headers arrive.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan ResponseHeadersTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest silence allowed between two reads of a response body (stream chunks included).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Upper bound on one whole upstream exchange, streaming included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
