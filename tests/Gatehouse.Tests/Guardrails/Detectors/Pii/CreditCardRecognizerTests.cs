using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class CreditCardRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new CreditCardRecognizer(), text, PiiTypes.CreditCard);

    [Theory]
    [InlineData("Visa 4111 1111 1111 1111 please", "4111 1111 1111 1111")]
    [InlineData("mc: 5555-5555-5555-4444", "5555-5555-5555-4444")]
    [InlineData("amex 378282246310005", "378282246310005")]
    [InlineData("discover 6011111111111117", "6011111111111117")]
    [InlineData("jcb 3530111333300000", "3530111333300000")]
    [InlineData("diners 30569309025904", "30569309025904")]
    [InlineData("mastercard 2-series 2223003122003222", "2223003122003222")]
    [InlineData("unionpay 6200000000000005", "6200000000000005")]
    [InlineData("card 4111 1111 1111 1111 123 (cvv)", "4111 1111 1111 1111")]   // the CVV after it is not part of it
    public void Recognize_ValidCard_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("4111 1111 1111 1112")]        // Luhn fails
    [InlineData("5555555555554445")]           // Luhn fails
    [InlineData("9111000000000007")]           // Luhn-valid, but no issuer starts with 9
    [InlineData("3400000000000000")]           // Luhn-valid American Express prefix, but 16 digits (Amex has 15)
    [InlineData("40000000000000000002")]       // Luhn-valid, 20 digits: longer than any card
    [InlineData("sha 4c1f4111111111111111a9e")] // inside a hex string
    [InlineData("id 12.4111111111111111")]     // a decimal, not a card
    [InlineData("uuid 123e4567-e89b-12d3-a456-426614174000")]
    public void Recognize_NotACard_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }

    [Fact]
    public void Luhn_KnownNumbers_Validate()
    {
        Assert.True(Luhn.IsValid("79927398713"));
        Assert.False(Luhn.IsValid("79927398710"));
        Assert.True(Luhn.IsValid("4111111111111111"));
    }
}
