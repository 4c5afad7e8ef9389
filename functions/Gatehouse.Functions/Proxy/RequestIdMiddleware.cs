using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Gatehouse.Proxy;

/// <summary>
/// Gives every request an id and echoes it as <c>x-request-id</c>: the client's own when well-formed (so traces
/// join up), otherwise a new one. The id becomes a table key, hence the strict pattern.
/// </summary>
internal sealed partial class RequestIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var offered = context.Request.Headers[GatewayHeaders.RequestId].ToString();
        var id = offered.Length > 0 && Pattern().IsMatch(offered) ? offered : NewId();
        context.TraceIdentifier = id;

        // Set when the response starts, so it survives the exception handler clearing the headers.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[GatewayHeaders.RequestId] = id;
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static string NewId() => "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex Pattern();
}
