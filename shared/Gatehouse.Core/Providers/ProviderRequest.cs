using System.Text.Json.Nodes;

namespace Gatehouse.Providers;

/// <summary>
/// A client request in the unified (OpenAI) shape. The body is kept whole so fields the gateway does not model
/// (tools, response_format, seed...) reach the provider unchanged.
/// </summary>
/// <param name="AddStreamUsage">
/// The gateway wants the stream's usage although the client did not ask for it: the adapter asks the provider (an
/// OpenAI-format one only when its <c>RequestStreamUsage</c> allows), and the relay removes what the client would not
/// otherwise have seen.
/// </param>
public sealed record ProviderRequest(ProviderOperation Operation, JsonObject Body, bool Stream, bool AddStreamUsage = false);
