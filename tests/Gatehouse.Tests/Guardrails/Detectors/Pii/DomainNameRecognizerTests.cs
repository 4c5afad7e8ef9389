using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class DomainNameRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new DomainNameRecognizer(), text, PiiTypes.DomainName);

    [Theory]
    [InlineData("My website is https://WholePrices.ch/", "https://WholePrices.ch/")]
    [InlineData("see https://example.com/a/b?c=1.", "https://example.com/a/b?c=1")]
    [InlineData("go to www.example.org today", "www.example.org")]
    [InlineData("visit contoso.com, then", "contoso.com")]
    public void Recognize_DomainOrUrl_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("run setup.py and read readme.md")]
    [InlineData("logger.info(self.app)")]
    [InlineData("import java.io.File")]
    [InlineData("mail jane@example.com")]          // the e-mail recognizer's, not a domain finding
    public void Recognize_NoDomain_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
