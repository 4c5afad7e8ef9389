using Gatehouse.Errors;
using Gatehouse.Messaging;

namespace Gatehouse.Admin;

/// <summary>
/// <c>/admin/queues/{queue}/poison</c>: what sits in a worker queue's poison queue (ids, times, sizes; never content,
/// which may hold tenant data), and <c>…/replay</c> to move it back once the cause is fixed. Admins only: a replay
/// acts on every tenant's messages. Only the worker queues exist here; any other name is 404.
/// </summary>
internal static class QueueEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/queues/{queue}/poison", ListAsync).WithName("queues.poison").Produces<PoisonListResponse>();
        admin.MapPost("/queues/{queue}/poison/replay", ReplayAsync).WithName("queues.replay")
            .Accepts<ReplayBody>("application/json").Produces<ReplayResponse>();
    }

    private static async Task<IResult> ListAsync(string queue, HttpContext http, PoisonMessages poison)
    {
        if (Refuse(queue, http) is { } refused)
        {
            return refused;
        }

        var (count, messages) = await poison.PeekAsync(queue, http.RequestAborted);
        return AdminJson.Ok(new PoisonListResponse(QueueNames.Poison(queue), count,
            [.. messages.Select(m => new PoisonMessageResponse(m.Id, m.InsertedAt, m.DequeueCount, m.SizeBytes))]));
    }

    private static async Task<IResult> ReplayAsync(string queue, HttpContext http, AdminBodyReader reader, PoisonMessages poison)
    {
        AdminCall.Of(http).Touches(null, queue);
        var (body, _, error) = await reader.ReadAsync<ReplayBody>(http, optional: true);
        if ((Refuse(queue, http) ?? (error is null ? null : new ErrorResult(error))) is { } refused)
        {
            return refused;
        }

        if (body!.MessageId is { } id && (id.Length is 0 or > 128))
        {
            return new ErrorResult(GatewayErrors.InvalidValue("message_id", "a queue message id (1-128 characters)."));
        }

        var replayed = await poison.ReplayAsync(queue, body.MessageId, http.RequestAborted);
        return body.MessageId is { } one && replayed == 0
            ? new ErrorResult(GatewayErrors.NotFound($"Message '{one}' in {QueueNames.Poison(queue)}"))
            : AdminJson.Ok(new ReplayResponse(queue, replayed));
    }

    private static ErrorResult? Refuse(string queue, HttpContext http) =>
        !AdminCall.PrincipalOf(http).IsAdmin ? new ErrorResult(GatewayErrors.PermissionDenied("read or replay poison queues (admins only)"))
        : !PoisonMessages.IsWorkerQueue(queue) ? new ErrorResult(GatewayErrors.NotFound($"Queue '{queue}'"))
        : null;
}

internal sealed record ReplayBody(string? MessageId);

internal sealed record ReplayResponse(string Queue, int Replayed);

internal sealed record PoisonMessageResponse(string Id, DateTimeOffset? InsertedAt, long DequeueCount, int SizeBytes);

/// <summary>At most the first 32 messages (one peek); <see cref="ApproximateCount"/> says how many there are in all.</summary>
internal sealed record PoisonListResponse(string Queue, int ApproximateCount, IReadOnlyList<PoisonMessageResponse> Data)
{
    public string Object { get; } = "list";
}
