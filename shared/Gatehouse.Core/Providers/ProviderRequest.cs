using System.Text.Json.Nodes;

namespace Gatehouse.Providers;

/// <summary>
/// A client request in the unified (OpenAI) shape. The body is kept whole so fields the gateway does not model
/// (tools, response_format, seed...) reach the provider unchanged.
/// </summary>
public sealed record ProviderRequest(ProviderOperation Operation, JsonObject Body, bool Stream);
