namespace Gatehouse.Proxy;

/// <summary>Codes recorded in audit events for outcomes the client never sees as an error body.</summary>
public static class ErrorCodes
{
    public const string ClientClosedRequest = "client_closed_request";
    public const string InternalError = "internal_error";
}
