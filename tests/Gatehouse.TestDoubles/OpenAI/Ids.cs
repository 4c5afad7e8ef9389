using System.Security.Cryptography;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>Random ids shaped like OpenAI's (<c>chatcmpl-…</c>, <c>req_…</c>).</summary>
internal static class Ids
{
    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
