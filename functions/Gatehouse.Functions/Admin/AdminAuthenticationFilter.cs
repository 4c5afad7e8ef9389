using Gatehouse.Errors;

namespace Gatehouse.Admin;

/// <summary>Every <c>/admin</c> call needs an admin principal; the endpoints then check what its roles allow.</summary>
internal sealed class AdminAuthenticationFilter(AdminAuthenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (principal, error) = await authenticator.AuthenticateAsync(http.Request, http.RequestAborted);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        AdminCall.Of(http).Principal = principal;
        return await next(context);
    }
}
