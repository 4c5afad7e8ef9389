using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class UsSsnRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new UsSsnRecognizer(), text, PiiTypes.UsSsn);

    [Theory]
    [InlineData("Here's my SSN: 849-66-3189", "849-66-3189")]
    [InlineData("it is 536-32-3065 I think", "536-32-3065")]                    // dashed: no context needed
    [InlineData("social security number 536 32 3065", "536 32 3065")]
    [InlineData("SSN 536323065", "536323065")]
    public void Recognize_IssuableNumber_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("SSN 000-12-3456")]     // area 000
    [InlineData("SSN 666-12-3456")]     // area 666
    [InlineData("SSN 912-34-5678")]     // area 900-999
    [InlineData("SSN 987-65-4321")]
    [InlineData("SSN 123-00-4567")]     // group 00
    [InlineData("SSN 123-45-0000")]     // serial 0000
    [InlineData("SSN 078-05-1120")]     // the Woolworth wallet-card number
    [InlineData("ref 536 32 3065")]     // spaced, no SSN context
    [InlineData("order 536323065")]     // bare nine digits, no SSN context
    [InlineData("call 415-555-2671")]   // phone-shaped
    [InlineData("id 1536-32-3065")]     // part of a longer number
    public void Recognize_NotAnSsn_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
