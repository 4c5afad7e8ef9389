using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class PersonRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new PersonRecognizer(), text, PiiTypes.Person);

    [Theory]
    [InlineData("My name is Ferdinando", "Ferdinando")]                     // cue, name not in the list
    [InlineData("Please ask Mr. Okonkwo to call", "Okonkwo")]               // honorific
    [InlineData("correct it to Dr. Jacob van Gameren?", "Jacob van Gameren")]
    [InlineData("Follow up with Edward Baranova in 2 months.", "Edward Baranova")] // common first name
    [InlineData("was a huge Zed Lyons fan", "Zed Lyons")]                   // two words ending in a common surname
    [InlineData("Regards,\nSieda", "Sieda")]
    public void Recognize_Name_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("Will you call back?")]          // names that are everyday words at a sentence start
    [InlineData("Hope you are well.")]
    [InlineData("The shows on Adams Street were loud")]
    [InlineData("Paris is lovely in spring")]    // a place
    [InlineData("The Big Three met today")]
    [InlineData("Acme Widgets Inc. shipped it")]
    [InlineData("- Key components and a Long list")]   // surnames that are everyday words, alone
    public void Recognize_NoName_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
