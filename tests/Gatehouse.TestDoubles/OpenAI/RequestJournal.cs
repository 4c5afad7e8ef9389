using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>Every request the fake received, in arrival order; safe to read while requests are running.</summary>
internal sealed class RequestJournal
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_lock)
        {
            return _requests.ToArray();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }

    public void Record(HttpRequest request, byte[] body, DateTimeOffset receivedAt)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
            headers[name] = values.ToString();

        var recorded = new RecordedRequest(request.Method, request.Path.Value ?? "/", headers, Encoding.UTF8.GetString(body))
        {
            Query = request.QueryString.Value ?? "",
            ReceivedAt = receivedAt,
        };
        lock (_lock)
        {
            _requests.Add(recorded);
        }
    }
}
