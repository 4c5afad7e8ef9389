namespace Gatehouse.Errors;

/// <summary>Lets endpoints and filters return a <see cref="GatewayError"/> as an <see cref="IResult"/>.</summary>
public sealed class ErrorResult(GatewayError error) : IResult, IStatusCodeHttpResult
{
    public GatewayError Error { get; } = error;

    public int? StatusCode => Error.Status;

    public Task ExecuteAsync(HttpContext httpContext) => ErrorResponses.WriteAsync(httpContext, Error);
}
