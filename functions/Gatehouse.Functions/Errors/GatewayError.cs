namespace Gatehouse.Errors;

/// <summary>
/// A failure as a value: status, OpenAI error type, stable snake_case code and a message that is safe to show.
/// Written to the client in exactly one place, <see cref="ErrorResponses"/>.
/// </summary>
public sealed record GatewayError(int Status, string Type, string Code, string Message, string? Param = null, TimeSpan? RetryAfter = null);
