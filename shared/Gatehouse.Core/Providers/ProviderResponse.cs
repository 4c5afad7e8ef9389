using System.Text.Json.Nodes;

namespace Gatehouse.Providers;

/// <summary>A complete (non-streamed) answer in the unified (OpenAI) shape, with the usage it reported.</summary>
public sealed record ProviderResponse(JsonObject Body, TokenUsage? Usage);
