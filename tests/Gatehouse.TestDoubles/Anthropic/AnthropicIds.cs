using System.Security.Cryptography;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>Random ids shaped like Anthropic's: <c>msg_01…</c>, <c>toolu_01…</c>, <c>req_011C…</c> (base58-style tails).</summary>
internal static class AnthropicIds
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 22);
}
