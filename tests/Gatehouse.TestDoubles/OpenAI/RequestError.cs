namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>Why a request body was refused: becomes a 400 <c>invalid_request_error</c>.</summary>
internal sealed record RequestError(string Message, string? Param, string? Code = null);
