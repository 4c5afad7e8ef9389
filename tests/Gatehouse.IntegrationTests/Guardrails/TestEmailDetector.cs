using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Gatehouse.Guardrails;

namespace Gatehouse.IntegrationTests.Guardrails;

/// <summary>
/// A test-only e-mail detector (type <c>EMAIL</c>), registered into the gateway by <see cref="MaskingFixture"/> until the
/// real PII detector lands. Finds addresses; never edits text, never decides.
/// </summary>
internal sealed partial class TestEmailDetector : IGuardrailDetector
{
    public const string DetectorName = "test-email";
    public const string Type = "EMAIL";

    public string Name => DetectorName;

    public IReadOnlySet<string> FindingTypes { get; } = FrozenSet.Create(StringComparer.Ordinal, Type);

    public ValueTask<IReadOnlyList<DetectorFinding>> InspectAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        var findings = new List<DetectorFinding>();
        for (var segment = 0; segment < input.Segments.Count; segment++)
        {
            foreach (Match match in Email().Matches(input.Segments[segment].Text))
            {
                findings.Add(new DetectorFinding(Name, Type, segment, match.Index, match.Length, 1.0, "An e-mail address."));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<DetectorFinding>>(findings);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Email();
}
