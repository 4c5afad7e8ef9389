using System.Net;
using System.Net.Http.Headers;
using Azure.Identity;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Routing;

/// <summary>
/// Puts <c>Authorization: Bearer &lt;Entra ID token&gt;</c> on every request of a provider whose <c>Auth</c> is
/// <c>Entra</c>. Installed by <see cref="UpstreamHttpClientSetup"/> in that provider's HTTP client, so adapters stay pure
/// translation and no token passes through them, the logs or the audit trail.
/// </summary>
internal sealed partial class EntraTokenHandler(EntraTokenCache tokens, string providerName, ILogger<EntraTokenHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await tokens.GetTokenAsync(cancellationToken);
        }
        catch (AuthenticationFailedException e) // CredentialUnavailableException included
        {
            LogNoToken(logger, providerName, e);
            return NoToken(request);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Without a token the request is not sent. A 401 in Azure's shape stands in for the answer, so routing treats it as
    /// what it is, the gateway's credentials failing (502 <c>upstream_auth_failed</c>; another deployment may serve), rather
    /// than an unexpected exception.
    /// </summary>
    private static HttpResponseMessage NoToken(HttpRequestMessage request) => new(HttpStatusCode.Unauthorized)
    {
        RequestMessage = request,
        Content = new StringContent(
            """{"error":{"code":"EntraTokenUnavailable","message":"The gateway could not get an Entra ID token for this provider; see the gateway's log."}}""",
            System.Text.Encoding.UTF8,
            "application/json"),
    };

    [LoggerMessage(EventId = 2201, Level = LogLevel.Error, Message = "No Entra ID token for provider {Provider}; its requests fail until one can be had")]
    private static partial void LogNoToken(ILogger logger, string provider, Exception exception);
}
