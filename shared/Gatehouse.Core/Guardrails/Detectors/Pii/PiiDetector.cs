namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Personal data in the input, one recognizer per entity type, each validating what it matches (checksums, number
/// ranges, context words; see the recognizers' own summaries). Text is folded first (<see cref="UnicodeFolding"/>), so
/// full-width digits or zero-width spaces do not hide a card number; findings point into the original text. Where two
/// recognizers claim overlapping text the more specific, higher-scoring one wins (<see cref="PiiOverlaps"/>).
/// Findings name the type and say what kind of thing matched, never the matched text.
/// </summary>
public sealed class PiiDetector : IGuardrailDetector
{
    /// <summary>Findings reported per request at most: more would not change the verdict, only cost memory.</summary>
    public const int MaxFindings = 100;

    /// <summary>Stateless, so one set serves every request (and the benchmark's per-recognizer breakdown).</summary>
    internal static readonly IPiiRecognizer[] Recognizers =
    [
        new EmailRecognizer(), new CreditCardRecognizer(), new IbanRecognizer(), new UsSsnRecognizer(), new IpAddressRecognizer(),
        new PhoneRecognizer(), // after the higher-scoring number types: it skips the digits they have claimed
        new MedicalRecordNumberRecognizer(), new UsDriverLicenseRecognizer(),
        new DateOfBirthRecognizer(), new DateTimeRecognizer(), new AgeRecognizer(), new ZipCodeRecognizer(),
        new DomainNameRecognizer(), new StreetAddressRecognizer(), new PersonRecognizer(), new LocationRecognizer(),
        new OrganizationRecognizer(), new NrpRecognizer(),
    ];

    public string Name => DetectorNames.Pii;

    public IReadOnlySet<string> FindingTypes => PiiTypes.All;

    public ValueTask<IReadOnlyList<DetectorFinding>> InspectAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        var findings = new List<DetectorFinding>();
        var matches = new List<PiiMatch>();
        for (var segment = 0; segment < input.Segments.Count && findings.Count < MaxFindings; segment++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folded = UnicodeFolding.Fold(input.Segments[segment].Text);
            matches.Clear();
            using var text = new PiiText(folded.Text);
            foreach (var recognizer in Recognizers)
            {
                recognizer.Recognize(text, matches);
            }

            PiiOverlaps.Resolve(matches);
            for (var i = 0; i < matches.Count && findings.Count < MaxFindings; i++)
            {
                var (start, length) = folded.ToOriginal(matches[i].Start, matches[i].Length);
                findings.Add(new DetectorFinding(Name, matches[i].Type, segment, start, length, matches[i].Score, matches[i].Explanation));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<DetectorFinding>>(findings);
    }
}
