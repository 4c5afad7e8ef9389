namespace Gatehouse.Admin;

/// <summary>The OpenAI error shape, as the OpenAPI document describes it (written by <c>Errors/ErrorResponses</c>).</summary>
internal sealed record ErrorEnvelope(ErrorEnvelopeBody Error);

internal sealed record ErrorEnvelopeBody(string Message, string Type, string? Param, string? Code);
