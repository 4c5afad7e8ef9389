namespace Gatehouse.Providers;

/// <summary>
/// A provider announced a failure inside a stream it had already started (Anthropic's <c>error</c> event, a Gemini
/// error object in place of a chunk). Adapters throw it from <see cref="IProviderAdapter.ReadStreamAsync"/>; the relay
/// treats it like a broken connection, with the provider's own classification.
/// </summary>
public sealed class UpstreamStreamException(UpstreamError error) : IOException(error.Message)
{
    public UpstreamError Error { get; } = error;
}
