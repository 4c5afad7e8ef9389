using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class UsDriverLicenseRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new UsDriverLicenseRecognizer(), text, PiiTypes.UsDriverLicense);

    [Theory]
    [InlineData("driver's license: D1234567", "D1234567")]                   // California
    [InlineData("DL# 123456789", "123456789")]                              // nine digits (several states)
    [InlineData("License number S123-456-78-901-2", "S123-456-78-901-2")]   // Florida
    [InlineData("my drivers licence is AB123456", "AB123456")]
    public void Recognize_LicenceWithContext_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("D1234567")]                        // no licence word
    [InlineData("ticket 123456789 for the show")]
    [InlineData("DL: 12345")]                       // too short for any state
    public void Recognize_NoLicence_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
