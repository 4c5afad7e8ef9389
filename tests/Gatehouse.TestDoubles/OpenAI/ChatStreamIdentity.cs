namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// What every chunk of one stream repeats. <paramref name="UsageNull"/>: when a usage chunk will follow,
/// OpenAI puts <c>"usage":null</c> on all the chunks before it.
/// </summary>
internal sealed record ChatStreamIdentity(string Id, long Created, string Model, bool UsageNull);
