using System.Net;
using System.Text;

namespace Gatehouse.Benchmarks.Routing;

/// <summary>
/// An in-process provider: answers every request at once with a small OpenAI completion, or for a stream three events
/// and <c>[DONE]</c>, so what is measured is the gateway's own code, not sockets or a server.
/// </summary>
internal sealed class StubUpstreamHandler : HttpMessageHandler
{
    private static readonly byte[] Completion = Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1732406400,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0," +
        "\"message\":{\"role\":\"assistant\",\"content\":\"Hello there.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}");

    private static readonly byte[] Stream = Encoding.UTF8.GetBytes(
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: [DONE]\n\n");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var stream = body.Contains("\"stream\":true", StringComparison.Ordinal);
        var content = new ByteArrayContent(stream ? Stream : Completion);
        content.Headers.ContentType = new(stream ? "text/event-stream" : "application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
