using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Gatehouse.Guardrails;

namespace Gatehouse.Tests.Guardrails;

/// <summary>A small e-mail detector for the tests (the real PII detector is another's work): type <c>EMAIL</c>.</summary>
internal sealed partial class EmailStubDetector(string name = "test-email") : IGuardrailDetector
{
    public const string Type = "EMAIL";

    public string Name { get; } = name;

    public IReadOnlySet<string> FindingTypes { get; } = FrozenSet.Create(StringComparer.Ordinal, Type);

    public int Calls { get; private set; }

    public ValueTask<IReadOnlyList<DetectorFinding>> InspectAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        Calls++;
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
