using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Gatehouse.TestDoubles.Entra;

/// <summary>
/// Writes compact JWS tokens by hand (base64url header.payload.signature) so the double shares no code with the
/// token library a gateway uses to check them. Also writes what tests must see refused: <c>none</c>, HS256 and RS384.
/// </summary>
internal static class FakeEntraTokenWriter
{
    public static string Write(JsonObject payload, string alg, FakeEntraSigningKey key, byte[] hmacSecret)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = alg };
        if (alg != "none")
        {
            header["kid"] = key.Kid;
            header["x5t"] = key.Kid;
        }

        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = alg switch
        {
            "RS256" => key.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "RS384" => key.Rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            "HS256" => HMACSHA256.HashData(hmacSecret, data),
            "none" => [],
            _ => throw new ArgumentException($"The fake signs RS256, RS384, HS256 or none, not '{alg}'.", nameof(alg)),
        };
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
