using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class EmailRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new EmailRecognizer(), text, PiiTypes.Email);

    [Theory]
    [InlineData("Write to jane.doe+news@example.co.uk.", "jane.doe+news@example.co.uk")]
    [InlineData("contact: o'brien_42@mail-server.example.org", "o'brien_42@mail-server.example.org")]
    [InlineData("<ALICE@EXAMPLE.COM>", "ALICE@EXAMPLE.COM")]
    public void Recognize_ValidAddress_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("user@localhost")]                 // no top-level domain
    [InlineData("someone@example.c")]              // one-letter TLD
    [InlineData("someone@example.c0m")]            // TLD with a digit
    [InlineData("john..doe@example.com")]          // doubled dot
    [InlineData(".john@example.com is wrong")]     // leading dot
    [InlineData("@example.com")]
    [InlineData("pip install pkg==1.2@3.4")]
    [InlineData("| FastAPI | `@router.get`, `@app.route` |")]  // decorators in code
    public void Recognize_NotAnAddress_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
