using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Gatehouse.TestDoubles.Entra;

/// <summary>
/// One RSA 2048 signing key with a self-signed certificate, published the way Entra publishes its keys:
/// <c>kid</c> equals <c>x5t</c> (the certificate's SHA-1 thumbprint, base64url), with <c>n</c>/<c>e</c> and <c>x5c</c>.
/// </summary>
internal sealed class FakeEntraSigningKey : IDisposable
{
    private readonly X509Certificate2 _certificate;

    public FakeEntraSigningKey(int slot, DateTimeOffset now)
    {
        Rsa = FakeEntraKeyMaterial.Create(slot);
        var request = new CertificateRequest("CN=accounts.accesscontrol.windows.net", Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        Kid = Base64Url.EncodeToString(_certificate.GetCertHash());
    }

    public RSA Rsa { get; }

    public string Kid { get; }

    /// <summary>The public key's SubjectPublicKeyInfo bytes: what an alg-confusion attacker would use as an HMAC secret.</summary>
    public byte[] PublicKeyBytes => Rsa.ExportSubjectPublicKeyInfo();

    public JsonObject ToJwk(string issuer)
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["x5t"] = Kid,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)),
            ["cloud_instance_name"] = "microsoftonline.com",
            ["issuer"] = issuer,
        };
    }

    public void Dispose()
    {
        _certificate.Dispose();
        Rsa.Dispose();
    }
}
