using System.Net;

namespace Gatehouse.Configuration;

/// <summary>
/// Upstream base URLs must be https; plain http is allowed only to loopback (local test doubles and the demo provider).
/// No credentials or query in the URL, so nothing secret sits in config that gets logged. Webhook URLs may keep their
/// query (<paramref name="allowQuery"/>): Teams workflow URLs carry their signature there.
/// </summary>
public static class UpstreamUrlRule
{
    public static string? Check(string baseUrl, bool allowQuery = false)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            return $"'{baseUrl}' is not an absolute URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || (!allowQuery && !string.IsNullOrEmpty(uri.Query)) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "must not contain credentials, a query or a fragment.";
        }

        return uri.Scheme switch
        {
            "https" => null,
            "http" when IsLoopback(uri) => null,
            "http" => "plain http is allowed only for loopback hosts; use https.",
            _ => $"scheme '{uri.Scheme}' is not allowed; use https.",
        };
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
