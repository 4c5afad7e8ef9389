using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Http;
using Gatehouse.Keys;

namespace Gatehouse.Admin;

/// <summary>
/// Every <c>/admin</c> call needs the admin key from <c>GATEHOUSE_ADMIN_KEY</c>, compared in constant time.
/// Without that setting the admin API refuses everything (fail closed). App keys are never admin keys.
/// </summary>
internal sealed class AdminAuthorizationFilter(IConfiguration configuration, KeyHasher hasher) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration[GatehouseOptionsValidator.AdminKeySetting];
        if (string.IsNullOrEmpty(expected))
        {
            return new ErrorResult(GatewayErrors.AdminDisabled());
        }

        var presented = ApiKeyHeader.Read(context.HttpContext.Request);
        if (presented is null || !hasher.Matches(presented, expected))
        {
            return new ErrorResult(GatewayErrors.InvalidAdminKey());
        }

        return await next(context);
    }
}
