using System.Globalization;
using Gatehouse.TestDoubles.Hosting;

namespace Gatehouse.TestDoubles.Webhooks;

/// <summary>
/// A webhook receiver (Slack, Teams or a generic one: it takes any JSON POST) on 127.0.0.1 only. Records every POST
/// with the status it answered. It can fail the next N posts with 500, or with 429/503 and a Retry-After, or be
/// <see cref="Down"/> (500 to everything) until put back up. Safe to use while requests are running.
/// </summary>
public sealed class FakeWebhookServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<WebhookPost> _posts = [];
    private readonly Queue<(int Status, TimeSpan? RetryAfter)> _failures = new();
    private LoopbackHost _host = null!;
    private volatile bool _down;

    private FakeWebhookServer()
    {
    }

    /// <summary>Every POST so far, in arrival order, failed ones included.</summary>
    public IReadOnlyList<WebhookPost> Posts
    {
        get
        {
            lock (_lock)
            {
                return [.. _posts];
            }
        }
    }

    /// <summary>When true every POST answers 500 (no Retry-After), until set back.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public static async Task<FakeWebhookServer> StartAsync(CancellationToken ct = default)
    {
        var server = new FakeWebhookServer();
        server._host = await LoopbackHost.StartAsync(0, _ => server.HandleAsync, ct);
        return server;
    }

    /// <summary>The URL of one hook on this server, e.g. <c>http://127.0.0.1:40123/hooks/ops</c>.</summary>
    public Uri Url(string path = "/hook") => new(_host.Address, path);

    /// <summary>The posts one hook received (by path).</summary>
    public IReadOnlyList<WebhookPost> PostsTo(string path) => [.. Posts.Where(p => p.Path == path)];

    /// <summary>The next <paramref name="count"/> POSTs (to any path) answer <paramref name="status"/>, with Retry-After when given.</summary>
    public void FailNext(int count, int status = 500, TimeSpan? retryAfter = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue((status, retryAfter));
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        (int Status, TimeSpan? RetryAfter) answer;
        lock (_lock)
        {
            answer = _down ? (StatusCodes.Status500InternalServerError, null)
                : _failures.TryDequeue(out var failure) ? failure
                : (StatusCodes.Status200OK, null);
            _posts.Add(new WebhookPost(context.Request.Path.Value ?? "", context.Request.ContentType, body, answer.Status));
        }

        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        // Slack answers "ok" as text; Teams workflows answer 202 with nothing. Receivers only look at the status.
        await context.Response.WriteAsync(answer.Status == StatusCodes.Status200OK ? "ok" : "error", context.RequestAborted);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
