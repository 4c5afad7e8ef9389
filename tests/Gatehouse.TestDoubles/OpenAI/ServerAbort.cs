using Microsoft.AspNetCore.Http;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// Drops the connection on purpose (the <c>abort-stream</c> scenario, server shutdown) and remembers that it
/// did, so the abort is not counted as the client going away.
/// </summary>
internal static class ServerAbort
{
    private static readonly object Key = new();

    public static void Abort(HttpContext ctx)
    {
        ctx.Items[Key] = true;
        ctx.Abort();
    }

    public static bool WasRequested(HttpContext ctx) => ctx.Items.ContainsKey(Key);
}
