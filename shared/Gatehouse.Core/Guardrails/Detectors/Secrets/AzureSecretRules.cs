using System.Buffers;
using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// Azure: storage account keys in connection strings (<c>AccountKey=</c>, 64 bytes in base64), shared access
/// signatures (<c>sig=</c>, an HMAC-SHA256 in URL-encoded base64: 32 bytes once decoded), and Entra ID client secrets
/// (the <c>xxx8Q~...</c> form). The storage emulator's account key is published in Microsoft's documentation and
/// Azurite's defaults (<c>UseDevelopmentStorage=true</c>), so it leaks nothing and is not reported.
/// </summary>
internal static partial class AzureSecretRules
{
    private const string EmulatorAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SearchValues<char> ClientSecretCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-");

    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.AzureStorageKey, AccountKey(), 0.95, "An Azure storage account key (AccountKey= with 64 bytes of base64).", IsAccountKey, SecretRule.Alphanumeric),
        new(SecretTypes.AzureSas, Signature(), 0.9, "An Azure shared access signature (sig= with a 32-byte HMAC).", IsSignature, SecretRule.Word),
        new(SecretTypes.AzureAdClientSecret, ClientSecret(), 0.85, "An Entra ID (Azure AD) client secret (the Q~ form).", SecretValue.LooksRandom, ClientSecretCharacters),
    ];

    private static bool IsAccountKey(ReadOnlySpan<char> value) =>
        !value.SequenceEqual(EmulatorAccountKey) && SecretValue.LooksRandom(value)
        && Convert.TryFromBase64Chars(value, stackalloc byte[64], out var written) && written == 64;

    private static bool IsSignature(ReadOnlySpan<char> value)
    {
        Span<char> unescaped = stackalloc char[64];
        return value.Length <= 132 && Uri.TryUnescapeDataString(value, unescaped, out var length)
            && Convert.TryFromBase64Chars(unescaped[..length], stackalloc byte[48], out var written) && written == 32
            && SecretValue.LooksRandom(unescaped[..length]);
    }

    [GeneratedRegex(@"AccountKey\s*=\s*(?<v>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex AccountKey();

    [GeneratedRegex(@"sig=(?<v>[A-Za-z0-9%+/=]{40,})",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex Signature();

    [GeneratedRegex(@"(?<v>[A-Za-z0-9_~.-]{3}[0-9]Q~(?>[A-Za-z0-9_~.-]{31,34}))(?![A-Za-z0-9_~.-])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex ClientSecret();
}
