using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class DateTimeRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new DateTimeRecognizer(), text, PiiTypes.DateTime);

    [Theory]
    [InlineData("Date: 2003-08-28 12:13:52", "2003-08-28 12:13:52")]
    [InlineData("It's like that since 6/18/1943", "6/18/1943")]
    [InlineData("We'll meet Sunday at noon", "Sunday")]
    [InlineData("During 2017, sales rose", "2017")]
    [InlineData("at 9:15 pm", "9:15 pm")]
    public void Recognize_DateOrTime_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("4/31/2024")]          // April has 30 days, and there is no 31st month
    [InlineData("version 1.2.3")]
    [InlineData("a 2018 film")]        // a bare year without a time word
    [InlineData("ratio 25:61")]        // not a clock time
    public void Recognize_NoDate_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
