namespace Gatehouse.Providers;

/// <summary>
/// The request uses something the deployment's wire format cannot express (e.g. <c>n</c> &gt; 1 for Anthropic).
/// Thrown by <see cref="IProviderAdapter.CreateRequest"/> before anything is sent; the message is safe to show the
/// client. Routing tries the next deployment, and answers 400 when none can take the request.
/// </summary>
public sealed class UnsupportedRequestException(string message) : Exception(message);
