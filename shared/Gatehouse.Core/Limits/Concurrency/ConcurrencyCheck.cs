namespace Gatehouse.Limits;

/// <summary>One concurrency limit to enforce on one request.</summary>
/// <param name="Scope">e.g. <c>key</c>, <c>tenant</c>, <c>user</c> — named in the 429 message.</param>
/// <param name="ScopeId">The shared row's partition, e.g. <c>key:key_abc</c>.</param>
/// <param name="Limit">Requests in flight at once, across all instances.</param>
public sealed record ConcurrencyCheck(string Scope, string ScopeId, long Limit);
