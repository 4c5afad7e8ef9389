using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Gatehouse.TestDoubles.Entra;

/// <summary>
/// RSA 2048 key pairs generated once per process and shared by slot, because generating one takes a noticeable
/// fraction of a second and a test class may start a fake per test. Each fake uses slot 0, 1, 2… for its signing
/// key and its rotations, and <see cref="UnpublishedSlot"/> only for forgeries, so a fake never publishes the
/// forgery key and each rotation really is a different key. Fakes never see each other's tokens, so sharing
/// material between them changes nothing a test can observe.
/// </summary>
internal static class FakeEntraKeyMaterial
{
    public const int UnpublishedSlot = -1;

    private static readonly ConcurrentDictionary<int, Lazy<RSAParameters>> Slots = new();

    /// <summary>A new <see cref="RSA"/> instance (owned by the caller) holding the slot's key pair.</summary>
    public static RSA Create(int slot)
    {
        var parameters = Slots.GetOrAdd(slot, _ => new Lazy<RSAParameters>(Generate)).Value;
        return RSA.Create(parameters);
    }

    private static RSAParameters Generate()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    }
}
