using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class StreetAddressRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new StreetAddressRecognizer(), text, PiiTypes.StreetAddress);

    [Theory]
    [InlineData("I live at 221B Baker Street.", "221B Baker Street")]
    [InlineData("1600 Pennsylvania Ave NW, Suite 200", "1600 Pennsylvania Ave NW, Suite 200")]
    [InlineData("Our office: Hauptstraße 5, Berlin", "Hauptstraße 5")]
    [InlineData("ship to Via Roma 10", "Via Roma 10")]
    [InlineData("Herengracht 12 in Amsterdam", "Herengracht 12")]
    [InlineData("send it to P.O. Box 1234", "P.O. Box 1234")]
    public void Recognize_Address_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("During 2017, sales rose")]
    [InlineData("I have 3 cats and 2 dogs")]
    [InlineData("book room 5 for the meeting")]
    [InlineData("unit 3 of the course")]
    public void Recognize_NoAddress_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
