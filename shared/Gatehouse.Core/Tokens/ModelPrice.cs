namespace Gatehouse.Tokens;

/// <summary>
/// A model's list prices in USD per 1M tokens, and the most output it can produce in one answer (null: not known).
/// <see cref="CachedInputPerMillion"/> null means cached prompt tokens cost the same as others.
/// </summary>
public sealed record ModelPrice(decimal InputPerMillion, decimal? CachedInputPerMillion, decimal OutputPerMillion, int? MaxOutputTokens);
