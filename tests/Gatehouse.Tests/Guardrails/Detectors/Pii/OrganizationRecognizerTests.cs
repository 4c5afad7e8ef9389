using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class OrganizationRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new OrganizationRecognizer(), text, PiiTypes.Organization);

    [Theory]
    [InlineData("Acme Widgets Inc. shipped it", "Acme Widgets Inc.")]
    [InlineData("recorded for Ortiz LLC became", "Ortiz LLC")]
    [InlineData("a loan from Bank of America", "Bank of America")]
    [InlineData("Stillwater Supercomputing GmbH", "Stillwater Supercomputing GmbH")]
    [InlineData("I work for Contoso on weekdays", "Contoso")]
    public void Recognize_Organization_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("The Bank was closed")]     // a kind alone is no name
    [InlineData("Group them by size")]
    [InlineData("It costs less. Inc. is short")]
    [InlineData("I work for myself")]
    public void Recognize_NoOrganization_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
