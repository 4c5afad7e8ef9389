using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class ZipCodeRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new ZipCodeRecognizer(), text, PiiTypes.ZipCode);

    [Theory]
    [InlineData("ZIP: 94105", "94105")]
    [InlineData("zip code 94105-1234", "94105-1234")]
    [InlineData("postcode SW1A 1AA", "SW1A 1AA")]
    [InlineData("postal code K1A 0B1", "K1A 0B1")]
    [InlineData("ZIP: 7412 SL", "7412 SL")]
    public void Recognize_PostalCodeWithContext_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("94105")]
    [InlineData("We sold 94105 units")]
    public void Recognize_NoContext_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
