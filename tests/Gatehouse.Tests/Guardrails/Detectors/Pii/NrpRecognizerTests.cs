using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class NrpRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new NrpRecognizer(), text, PiiTypes.Nrp);

    [Theory]
    [InlineData("an Icelandic bank", "Icelandic")]
    [InlineData("I am cambodian but", "cambodian")]
    [InlineData("a South African firm", "South African")]
    [InlineData("a Muslim charity", "Muslim")]
    public void Recognize_Group_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("polish the table")]
    [InlineData("french fries and an orthodox approach")]
    [InlineData("nothing to see here")]
    public void Recognize_NoGroup_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
