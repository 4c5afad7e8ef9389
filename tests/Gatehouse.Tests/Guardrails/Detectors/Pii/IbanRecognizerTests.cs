using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class IbanRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new IbanRecognizer(), text, PiiTypes.Iban);

    [Theory]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32 please", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("DE89370400440532013000", "DE89370400440532013000")]
    [InlineData("pay to FR1420041010050500013M02606.", "FR1420041010050500013M02606")]
    [InlineData("NO9386011117947 NOW", "NO9386011117947")]                 // an upper-case word after it is not part of it
    [InlineData("GB82 WEST 1234 5698 7654 32 AB12", "GB82 WEST 1234 5698 7654 32")]
    public void Recognize_ValidIban_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("GB82WEST12345698765433")]      // mod-97 check fails
    [InlineData("GB83 WEST 1234 5698 7654 32")] // check digits changed
    [InlineData("DE8937040044053201300")]       // one character short for Germany
    [InlineData("XX82WEST12345698765432")]      // no such country
    [InlineData("US64SVBKUS6S3300958879")]      // the US issues no IBANs
    [InlineData("gb82west12345698765432")]      // lower case
    public void Recognize_NotAnIban_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }

    [Fact]
    public void Mod97_RegistryExample_IsValid()
    {
        Assert.True(Mod97.IsValidIban("GB82WEST12345698765432"));
        Assert.False(Mod97.IsValidIban("GB82WEST12345698765423"));
    }
}
