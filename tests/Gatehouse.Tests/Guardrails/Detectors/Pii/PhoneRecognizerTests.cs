using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class PhoneRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new PhoneRecognizer(), text, PiiTypes.Phone);

    [Theory]
    [InlineData("Reach me on (650) 253-0000 after five", "(650) 253-0000")]                 // valid US number, no context needed
    [InlineData("the number is 650.253.0000", "650.253.0000")]
    [InlineData("London office +44 20 7031 3000.", "+44 20 7031 3000")]                   // international, valid
    [InlineData("Phone: 0378 3549890", "0378 3549890")]                                    // not valid in the US plan: needs the context word
    [InlineData("Fax 9498777106", "9498777106")]
    [InlineData("040 898 9331 (mobile)", "040 898 9331")]                                  // context word after it
    [InlineData("Desk: (898)666-3621x0135", "(898)666-3621x0135")]                         // extension included
    public void Recognize_PhoneNumber_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("Order 123-4567 has shipped")]            // seven digits, no phone word, not valid alone
    [InlineData("Phone: 92 34 70")]                       // six digits: too short even with context
    [InlineData("Build 10.0.19041.1 is out")]
    [InlineData("Invoice 2024-05-31 attached")]
    [InlineData("The year 2023 was long")]
    [InlineData("Reference 0378 3549890 in the ledger")]  // phone-shaped, no phone word
    public void Recognize_NotAPhoneNumber_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }

    [Fact]
    public void Recognize_NumberNextToACard_FindsTheNumberNotTheCard()
    {
        // The detector runs this after the card recognizer; the card's digits are claimed, the phone's are not.
        const string text = "card 4111 1111 1111 1111 or call (650) 253-0000 today";
        var matches = new List<PiiMatch>();
        using var input = new PiiText(text);
        new CreditCardRecognizer().Recognize(input, matches);
        new PhoneRecognizer().Recognize(input, matches);
        PiiOverlaps.Resolve(matches);

        Assert.Equal(["CREDIT_CARD:4111 1111 1111 1111", "PHONE:(650) 253-0000"], matches.Select(m => $"{m.Type}:{text.Substring(m.Start, m.Length)}"));
    }
}
