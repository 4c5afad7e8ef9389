using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class AgeRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new AgeRecognizer(), text, PiiTypes.Age);

    [Theory]
    [InlineData("He just turned 78 years old", "78")]
    [InlineData("a 42-year-old patient", "42")]
    [InlineData("I'm 26 y/o.", "26")]
    [InlineData("retired at the age of 68", "68")]
    [InlineData("aged 67, lives alone", "67")]
    [InlineData("I'll turn 80.", "80")]
    public void Recognize_Age_FindsTheNumber(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("42 years ago")]
    [InlineData("a 150 years old oak")]            // not a person's age
    [InlineData("turn 5 pages back")]
    [InlineData("the age of empires")]
    [InlineData("turned 90% of it")]
    public void Recognize_NoAge_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
