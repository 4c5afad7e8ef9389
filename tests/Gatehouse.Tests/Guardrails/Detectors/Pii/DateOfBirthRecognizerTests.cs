using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class DateOfBirthRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new DateOfBirthRecognizer(), text, PiiTypes.DateOfBirth);

    [Theory]
    [InlineData("DOB: 04/12/1985", "04/12/1985")]
    [InlineData("She was born on March 3, 1990.", "March 3, 1990")]
    [InlineData("date of birth 1985-04-12", "1985-04-12")]
    [InlineData("birthday: 3rd of May 1979", "3rd of May 1979")]
    [InlineData("D.O.B. 31.12.1960", "31.12.1960")]                  // day first
    public void Recognize_DateWithBirthContext_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("The meeting is on 04/12/2025")]     // a date, but not of birth
    [InlineData("Invoice dated March 3, 1990")]
    [InlineData("DOB: 13/13/1985")]                  // no such month either way round
    [InlineData("DOB: 02/30/1985")]                  // no 30 February
    [InlineData("DOB: 1985-04-12-99")]               // part of a longer number
    public void Recognize_NoDateOfBirth_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
