using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Keys;
using Gatehouse.Routing;
using Gatehouse.Tenants;
using Microsoft.Extensions.Options;

namespace Gatehouse.Admin;

/// <summary>
/// <c>/admin/key-requests</c>: the approval workflow. A developer (or anyone who may manage the tenant) files a
/// request and receives the key's secret at once; the key answers 401 until an admin of its tenant approves.
/// Requests can be rejected (the key is revoked) and expire undecided after <c>Keys:KeyRequestTtl</c>.
/// Nobody but a global admin approves their own request.
/// </summary>
internal static class KeyRequestEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/key-requests", CreateAsync).WithName("key-requests.create").Accepts<CreateKeyRequestBody>("application/json").Produces<KeyRequestResponse>(201);
        admin.MapGet("/key-requests", ListAsync).WithName("key-requests.list").Produces<ListResponse<KeyRequestResponse>>();
        admin.MapGet("/key-requests/{id}", GetAsync).WithName("key-requests.get").Produces<KeyRequestResponse>();
        admin.MapPost("/key-requests/{id}/approve", (string id, HttpContext http, AdminBodyReader reader, KeyRequestStore requests, KeyCache cache) =>
            DecideAsync(id, approve: true, http, reader, requests, cache))
            .WithName("key-requests.approve").Accepts<DecideKeyRequestBody>("application/json").Produces<KeyRequestResponse>();
        admin.MapPost("/key-requests/{id}/reject", (string id, HttpContext http, AdminBodyReader reader, KeyRequestStore requests, KeyCache cache) =>
            DecideAsync(id, approve: false, http, reader, requests, cache))
            .WithName("key-requests.reject").Accepts<DecideKeyRequestBody>("application/json").Produces<KeyRequestResponse>();
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, AdminBodyReader reader, TenantStore tenants, KeyRequestStore requests, ModelCatalog catalog, IOptions<GatehouseOptions> options, TimeProvider time)
    {
        var (body, _, error) = await reader.ReadAsync<CreateKeyRequestBody>(http);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        var principal = AdminCall.PrincipalOf(http);
        AdminCall.Of(http).Touches(body!.Tenant, null);
        var invalid = KeyFieldRules.Text("tenant", body.Tenant, required: true, maxLength: 63)
            ?? (principal.CanRequestKeys(body.Tenant!) ? null : GatewayErrors.PermissionDenied($"request keys for tenant '{body.Tenant}'"))
            ?? KeyFieldRules.NewKey(body, catalog, time.GetUtcNow())
            ?? KeyFieldRules.Text("justification", body.Justification, required: false, maxLength: 2000)
            ?? await KeyEndpoints.TenantExistsAsync(tenants, body.Tenant!, http.RequestAborted);
        if (invalid is not null)
        {
            return new ErrorResult(invalid);
        }

        // The limits asked for ride on the pending key; the approver sees them on the request and decides.
        var (request, secret) = await requests.CreateAsync(KeyFieldRules.Spec(body, principal.Id), body.Justification, options.Value.Keys.KeyRequestTtl, http.RequestAborted);
        AdminCall.Of(http).Touches(request.Tenant, request.Id);
        return AdminJson.Created(KeyRequestResponse.From(request, secret));
    }

    /// <summary>Readers see their tenants' requests; a developer sees the requests it filed.</summary>
    private static async Task<IResult> ListAsync(string? tenant, string? status, HttpContext http, KeyRequestStore requests)
    {
        if (tenant is not null && !TenantId.IsValid(tenant))
        {
            return new ErrorResult(GatewayErrors.InvalidValue("tenant", $"a tenant id is {TenantId.Rule}."));
        }

        KeyRequestStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<KeyRequestStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return new ErrorResult(GatewayErrors.InvalidValue("status", "one of pending, approved, rejected, expired."));
            }

            wanted = parsed;
        }

        var principal = AdminCall.PrincipalOf(http);
        var listed = await requests.ListAsync(tenant, http.RequestAborted);
        return AdminJson.List(listed
            .Where(r => wanted is null || r.Status == wanted)
            .Where(r => principal.CanRead(r.Tenant) || r.RequestedBy == principal.Id)
            .Select(r => KeyRequestResponse.From(r)));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, KeyRequestStore requests)
    {
        var principal = AdminCall.PrincipalOf(http);
        AdminCall.Of(http).Touches(null, id);
        return await requests.GetAsync(id, http.RequestAborted) is { } request && (principal.CanRead(request.Tenant) || request.RequestedBy == principal.Id)
            ? AdminJson.Ok(KeyRequestResponse.From(request))
            : new ErrorResult(GatewayErrors.NotFound($"Key request '{id}'"));
    }

    private static async Task<IResult> DecideAsync(string id, bool approve, HttpContext http, AdminBodyReader reader, KeyRequestStore requests, KeyCache cache)
    {
        var (body, _, error) = await reader.ReadAsync<DecideKeyRequestBody>(http, optional: true);
        error ??= KeyFieldRules.Text("comment", body!.Comment, required: false, maxLength: 2000);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        var principal = AdminCall.PrincipalOf(http);
        AdminCall.Of(http).Touches(null, id);
        var request = await requests.GetAsync(id, http.RequestAborted);
        if (request is null || !(principal.CanRead(request.Tenant) || request.RequestedBy == principal.Id))
        {
            return new ErrorResult(GatewayErrors.NotFound($"Key request '{id}'"));
        }

        AdminCall.Of(http).Touches(request.Tenant, id);
        if (!principal.CanManage(request.Tenant))
        {
            return new ErrorResult(GatewayErrors.PermissionDenied($"decide key requests of tenant '{request.Tenant}'"));
        }

        if (request.RequestedBy == principal.Id && !principal.IsAdmin)
        {
            return new ErrorResult(GatewayErrors.PermissionDenied("decide a request you filed yourself; another admin of the tenant must"));
        }

        var decision = await requests.DecideAsync(id, approve, principal.Id, body!.Comment, http.RequestAborted);

        // A pending key may already be cached here as "pending"; the decision applies at once on this instance.
        cache.Invalidate(request.KeyId);
        return decision.Outcome switch
        {
            DecisionOutcome.Decided => AdminJson.Ok(KeyRequestResponse.From(decision.Request!)),
            DecisionOutcome.AlreadyDecided => new ErrorResult(GatewayErrors.Conflict("key_request_decided",
                $"Key request '{id}' was already {decision.Request!.Status.ToString().ToLowerInvariant()}.")),
            DecisionOutcome.Expired => new ErrorResult(GatewayErrors.Conflict("key_request_expired",
                $"Key request '{id}' expired undecided at {decision.Request!.ExpiresAt:u}; file a new one.")),
            DecisionOutcome.KeyRevoked => new ErrorResult(GatewayErrors.Conflict("key_not_pending",
                $"The key of request '{id}' was revoked while it waited.")),
            _ => new ErrorResult(GatewayErrors.NotFound($"Key request '{id}'")),
        };
    }
}
