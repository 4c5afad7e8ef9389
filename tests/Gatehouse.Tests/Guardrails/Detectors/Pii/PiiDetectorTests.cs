using Gatehouse.Configuration;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors;
using Gatehouse.Guardrails.Detectors.Pii;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class PiiDetectorTests
{
    private static async Task<IReadOnlyList<DetectorFinding>> InspectAsync(params string[] texts) =>
        await new PiiDetector().InspectAsync(
            new GuardrailInput(GuardrailDirection.Input, [.. texts.Select((text, i) => new GuardrailSegment(i, null, "user", text))]),
            CancellationToken.None);

    [Fact]
    public async Task Inspect_SeveralKinds_ReportsEachAtItsOffsets()
    {
        const string text = "Mail jane@example.com or call (650) 253-0000; card 4111 1111 1111 1111.";

        var findings = await InspectAsync(text);

        Assert.Equal(
            [(PiiTypes.Email, "jane@example.com"), (PiiTypes.Phone, "(650) 253-0000"), (PiiTypes.CreditCard, "4111 1111 1111 1111")],
            findings.Select(f => (f.Type, text.Substring(f.Start, f.Length))));
        Assert.All(findings, f => Assert.Equal(DetectorNames.Pii, f.Detector));
    }

    [Fact]
    public async Task Inspect_CardNextToAPhoneWord_IsACardOnly()
    {
        // The digits are phone-shaped and "call" is a phone word, but the Luhn-valid card is the more specific match.
        var finding = Assert.Single(await InspectAsync("call 4111 1111 1111 1111"));

        Assert.Equal(PiiTypes.CreditCard, finding.Type);
    }

    [Fact]
    public async Task Inspect_FullWidthDigits_FindsTheCardAtOriginalOffsets()
    {
        const string text = "card ４１１１ １１１１ １１１１ １１１１ ok";

        var finding = Assert.Single(await InspectAsync(text));

        Assert.Equal(PiiTypes.CreditCard, finding.Type);
        Assert.Equal("４１１１ １１１１ １１１１ １１１１", text.Substring(finding.Start, finding.Length));
    }

    [Fact]
    public async Task Inspect_ExplanationsNeverQuoteTheText()
    {
        const string text = "SSN 849-66-3189, IBAN GB82WEST12345698765432, mail jane@example.com, ip 10.1.2.3, DOB: 04/12/1985";

        var findings = await InspectAsync(text);

        Assert.Equal(5, findings.Count);
        Assert.All(findings, f => Assert.DoesNotContain(text.Substring(f.Start, f.Length), f.Explanation, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Inspect_Segments_NamesEachFindingsSegment()
    {
        var findings = await InspectAsync("nothing here", "SSN 849-66-3189");

        Assert.Equal(1, Assert.Single(findings).Segment);
    }

    [Fact]
    public async Task Inspect_ManyFindings_StopsAtTheCap()
    {
        var text = string.Join(' ', Enumerable.Range(0, 150).Select(i => $"user{i}@example.com"));

        Assert.Equal(PiiDetector.MaxFindings, (await InspectAsync(text)).Count);
    }

    [Fact]
    public void FindingTypes_ListEveryType()
    {
        Assert.Equal(PiiTypes.All.Order(StringComparer.Ordinal), new PiiDetector().FindingTypes.Order(StringComparer.Ordinal));
        Assert.Contains(PiiTypes.MedicalRecordNumber, new PiiDetector().FindingTypes);
    }

    [Fact]
    public void AddGatehouseCore_RegistersTheDetector()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([]).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddGatehouseCore(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IGuardrailDetector>(), d => d.Name == DetectorNames.Pii);
    }
}
