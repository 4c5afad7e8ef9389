using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Gatehouse.Keys;

/// <summary>Creates key secrets (<c>gh_</c> + 32 random bytes, base64url) and key ids, and recognises their shape.</summary>
public static partial class KeySecret
{
    public const string Prefix = "gh_";
    public const string KeyIdPrefix = "key_";
    private const int SecretBytes = 32;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>A public, non-secret id such as <c>key_3k7q...</c> (100 random bits).</summary>
    public static string NewKeyId() => KeyIdPrefix + RandomNumberGenerator.GetString(IdAlphabet, 20);

    /// <summary>Last four characters, shown to operators so they can tell keys apart.</summary>
    public static string Hint(string secret) => $"{Prefix}...{secret[^4..]}";

    /// <summary>Cheap shape check before any hashing or lookup; anything else is rejected outright.</summary>
    public static bool HasValidShape(string candidate) => SecretPattern().IsMatch(candidate);

    public static bool IsValidKeyId(string candidate) => KeyIdPattern().IsMatch(candidate);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^gh_[A-Za-z0-9_-]{43,128}$")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^key_[a-z2-7]{20}$")]
    private static partial Regex KeyIdPattern();
}
