using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class LocationRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new LocationRecognizer(), text, PiiTypes.Location);

    [Theory]
    [InlineData("Who's coming to Nigeria with me?", "Nigeria")]                   // country
    [InlineData("I will be travelling to Czech Republic", "Czech Republic")]     // long form, two words
    [InlineData("We moved to Cape Town last year", "Cape Town")]                  // city
    [InlineData("Ms. Barajas flew to New Westminster on Monday", "New Westminster")] // not listed: the cue finds it
    [InlineData("office in NORTH CAROLINA", "NORTH CAROLINA")]                   // US state in capitals
    public void Recognize_Place_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("I moved to the city")]
    [InlineData("a turkey sandwich")]             // lower case
    [InlineData("We flew to Anna's wedding")]     // a first name after the cue
    public void Recognize_NoPlace_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
