using System.Diagnostics;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors;
using Gatehouse.Guardrails.Detectors.Secrets;
using Gatehouse.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Gatehouse.Tests.Guardrails.Detectors.Secrets;

public sealed class SecretDetectorTests(ITestOutputHelper output)
{
    private static readonly SecretDetector Detector = new();

    public static TheoryData<string> PositiveNames => [.. SecretSamples.Positives.Select(sample => sample.Name)];

    public static TheoryData<string> NegativeNames => [.. SecretSamples.Negatives.Select(sample => sample.Name)];

    private static async Task<IReadOnlyList<DetectorFinding>> InspectAsync(params string[] texts) =>
        await Detector.InspectAsync(
            new GuardrailInput(GuardrailDirection.Input, [.. texts.Select((text, i) => new GuardrailSegment(i, null, "user", text))]),
            CancellationToken.None);

    [Theory]
    [MemberData(nameof(PositiveNames))]
    public async Task Inspect_LabelledPositive_FindsExactlyTheValueWithItsType(string name)
    {
        var sample = SecretSamples.Named(name);

        var finding = Assert.Single(await InspectAsync(sample.Text));

        Assert.Equal(sample.Type, finding.Type);
        Assert.Equal(DetectorNames.Secrets, finding.Detector);
        Assert.Equal(0, finding.Segment);
        Assert.Equal(sample.Value, sample.Text.Substring(finding.Start, finding.Length));
        Assert.Equal(sample.Text.IndexOf(sample.Value!, StringComparison.Ordinal), finding.Start);
        Assert.InRange(finding.Score, 0.5, 1.0);
    }

    [Theory]
    [MemberData(nameof(NegativeNames))]
    public async Task Inspect_LabelledNegative_FindsNothing(string name)
    {
        Assert.Empty(await InspectAsync(SecretSamples.Named(name).Text));
    }

    [Fact]
    public void Table_CoversEveryTypeAndIsLargeEnough()
    {
        Assert.True(SecretSamples.Positives.Count >= 60, $"{SecretSamples.Positives.Count} positives");
        Assert.True(SecretSamples.Negatives.Count >= 60, $"{SecretSamples.Negatives.Count} negatives");
        Assert.Equal(SecretTypes.All.Order(StringComparer.Ordinal), SecretSamples.Positives.Select(s => s.Type!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(SecretSamples.All.Count, SecretSamples.All.Select(s => s.Name).Distinct().Count());
        Assert.All(SecretSamples.Positives, s => Assert.Equal(s.Text.IndexOf(s.Value!, StringComparison.Ordinal), s.Text.LastIndexOf(s.Value!, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Precision and recall over the whole labelled table: a finding counts as right only with the labelled type and
    /// exact span. Run with <c>--logger "console;verbosity=detailed"</c> to see the figures.
    /// </summary>
    [Fact]
    public async Task Inspect_LabelledTable_PrecisionAndRecallAreOne()
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        var wrong = new List<string>();
        foreach (var sample in SecretSamples.All)
        {
            var findings = await InspectAsync(sample.Text);
            var expectedStart = sample.Value is null ? -1 : sample.Text.IndexOf(sample.Value, StringComparison.Ordinal);
            var hit = false;
            foreach (var finding in findings)
            {
                if (!hit && finding.Type == sample.Type && finding.Start == expectedStart && finding.Length == sample.Value!.Length)
                {
                    hit = true;
                    truePositives++;
                }
                else
                {
                    falsePositives++;
                    wrong.Add($"{sample.Name}: unexpected {finding.Type} at {finding.Start}+{finding.Length}");
                }
            }

            if (sample.Type is not null && !hit)
            {
                falseNegatives++;
                wrong.Add($"{sample.Name}: missed {sample.Type}");
            }
        }

        var precision = truePositives / (double)(truePositives + falsePositives);
        var recall = truePositives / (double)(truePositives + falseNegatives);
        output.WriteLine(
            $"Labelled table: {SecretSamples.Positives.Count} positives ({SecretTypes.All.Count} types), {SecretSamples.Negatives.Count} negatives; "
            + $"TP {truePositives}, FP {falsePositives}, FN {falseNegatives}; precision {precision:0.000}, recall {recall:0.000}");
        foreach (var line in wrong)
        {
            output.WriteLine(line);
        }

        Assert.Equal(1.0, precision);
        Assert.Equal(1.0, recall);
    }

    [Fact]
    public async Task Inspect_Explanations_NeverHoldTheValue()
    {
        var findings = await InspectAsync([.. SecretSamples.Positives.Select(s => s.Text)]);

        Assert.Equal(SecretSamples.Positives.Count, findings.Count);
        foreach (var finding in findings)
        {
            var value = SecretSamples.Positives[finding.Segment].Text.Substring(finding.Start, finding.Length);
            Assert.DoesNotContain(value, finding.Explanation, StringComparison.Ordinal);
            Assert.DoesNotContain(value[^Math.Min(8, value.Length)..], finding.Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Inspect_SeveralSecretsAcrossSegments_ReportsEachInOrderWithItsSegment()
    {
        var github = SecretSamples.Named("github-pat-classic");
        var stripe = SecretSamples.Named("stripe-live-secret");
        var jwt = SecretSamples.Named("jwt-bearer-header");
        var both = $"{github.Text} and also {stripe.Text}";

        var findings = await InspectAsync("nothing here", both, jwt.Text);

        Assert.Equal(
            [(1, SecretTypes.GitHubToken, both.IndexOf(github.Value!, StringComparison.Ordinal)),
             (1, SecretTypes.StripeKey, both.IndexOf(stripe.Value!, StringComparison.Ordinal)),
             (2, SecretTypes.Jwt, jwt.Text.IndexOf(jwt.Value!, StringComparison.Ordinal))],
            findings.Select(f => (f.Segment, f.Type, f.Start)));
    }

    [Fact]
    public async Task Inspect_FormatValueUnderASecretName_ReportedOnceAsTheFormat()
    {
        var key = "sk_live_" + FakeSecrets.Chars(300, FakeSecrets.Base62, 30);

        var finding = Assert.Single(await InspectAsync($"secret_key = \"{key}\""));

        Assert.Equal(SecretTypes.StripeKey, finding.Type);
    }

    [Fact]
    public async Task Inspect_ManyFindings_StopsAtTheCap()
    {
        var text = string.Join(' ', Enumerable.Range(0, SecretDetector.MaxFindings + 20).Select(i => "ghp_" + FakeSecrets.Chars(400 + i, FakeSecrets.Base62, 36)));

        Assert.Equal(SecretDetector.MaxFindings, (await InspectAsync(text)).Count);
    }

    [Fact]
    public void AddGatehouseCore_RegistersTheDetectorWithItsTypes()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddGatehouseCore(configuration).BuildServiceProvider();

        var detector = Assert.Single(services.GetServices<IGuardrailDetector>(), d => d.Name == DetectorNames.Secrets);

        Assert.IsType<SecretDetector>(detector);
        Assert.Contains(SecretTypes.AwsAccessKey, detector.FindingTypes);
        Assert.Equal(17, detector.FindingTypes.Count);
    }

    [Fact]
    public async Task Inspect_Cancelled_Throws()
    {
        await Assert.ThrowsAsync<OperationCanceledException>(async () => await Detector.InspectAsync(
            new GuardrailInput(GuardrailDirection.Input, [new GuardrailSegment(0, null, "user", "text")]), new CancellationToken(canceled: true)));
    }

    /// <summary>
    /// Inputs built to make a backtracking pattern go quadratic: 256 KB each of repeated BEGIN lines, key names,
    /// base64, dotted base64 and user:password prefixes. A quadratic pattern would take minutes on these (and throw at
    /// its match timeout); the linear ones take milliseconds. The bound is loose because test builds are Debug and the
    /// machine is shared.
    /// </summary>
    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\n")]
    [InlineData("password=")]
    [InlineData("api_key: ")]
    [InlineData("token ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.")]
    [InlineData("postgres://u:")]
    [InlineData(";Password=a ")]
    [InlineData("xoxb-1-")]
    [InlineData("sig=")]
    public async Task Inspect_AdversarialText_FinishesQuickly(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 256 * 1024 / unit.Length));
        var watch = Stopwatch.StartNew();

        await InspectAsync(text);

        watch.Stop();
        output.WriteLine($"{unit.Trim()}: {text.Length:N0} characters in {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{watch.Elapsed.TotalMilliseconds:0} ms");
    }
}
