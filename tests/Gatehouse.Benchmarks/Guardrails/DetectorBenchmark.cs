using System.Diagnostics;
using System.Text;
using Gatehouse.Benchmarks.Infrastructure;
using Gatehouse.Guardrails;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Benchmarks.Guardrails;

/// <summary>
/// The pattern detectors over a 4 KB prompt, one at a time and all together, as a request's input is inspected:
/// latency percentiles over many runs and bytes allocated per run. The prompt is ordinary prose with a few values of
/// the kinds the detectors look for (an e-mail, a phone number, a card, an IBAN, an IP address, a key), so both the
/// scanning and the validating paths run.
/// </summary>
public static class DetectorBenchmark
{
    private const int Runs = 20_000;

    public static async Task RunAsync(TextWriter output)
    {
        await using var provider = OfflineCore.Build(new Dictionary<string, string?>
        {
            ["Gatehouse:Guardrails:DenyList:Terms:0"] = "ignore previous instructions",
            ["Gatehouse:Guardrails:DenyList:Terms:1"] = "jailbreak",
        });

        // Pattern detectors only: the custom-rules detector reads a tenant's rules from storage.
        var detectors = provider.GetServices<IGuardrailDetector>().Where(d => d.Name != "custom-rules").ToList();
        var prompt = Prompt(4096);
        var input = new GuardrailInput(GuardrailDirection.Input, [new GuardrailSegment(0, null, "user", prompt)]);

        output.WriteLine($"| detectors over a {Encoding.UTF8.GetByteCount(prompt):N0}-byte prompt, one thread | findings | p50 µs | p90 µs | p99 µs | bytes allocated per run |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var detector in detectors)
        {
            await WriteAsync(output, detector.Name, [detector], input);
        }

        await WriteAsync(output, $"all together ({string.Join(", ", detectors.Select(d => d.Name))})", detectors, input);
    }

    private static async Task WriteAsync(TextWriter output, string name, IReadOnlyList<IGuardrailDetector> detectors, GuardrailInput input)
    {
        var findings = 0;
        foreach (var detector in detectors)
        {
            findings += (await detector.InspectAsync(input, CancellationToken.None)).Count;
        }

        var (p50, p90, p99, bytes) = await MeasureAsync(detectors, input);
        output.WriteLine($"| {name} | {findings} | {p50:0.0} | {p90:0.0} | {p99:0.0} | {bytes:N0} |");
    }

    private static async Task<(double P50, double P90, double P99, double Bytes)> MeasureAsync(IReadOnlyList<IGuardrailDetector> detectors, GuardrailInput input)
    {
        for (var i = 0; i < Runs / 10; i++)
        {
            await RunOnceAsync(detectors, input); // warm-up: tiered JIT, regex caches
        }

        var samples = new double[Runs];
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await RunOnceAsync(detectors, input);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        var bytes = (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / Runs;
        Array.Sort(samples);
        return (samples[Runs / 2], samples[Runs * 9 / 10], samples[Runs * 99 / 100], bytes);
    }

    private static async Task RunOnceAsync(IReadOnlyList<IGuardrailDetector> detectors, GuardrailInput input)
    {
        foreach (var detector in detectors)
        {
            await detector.InspectAsync(input, CancellationToken.None);
        }
    }

    /// <summary>Prose of about <paramref name="bytes"/> bytes, with sensitive values spread through it.</summary>
    private static string Prompt(int bytes)
    {
        string[] filler =
        [
            "Our quarterly review covered the migration plan, the budget for the second half and the hiring pipeline.",
            "The team agreed to move the reporting jobs to the new cluster once the load tests pass on version 2.4.1.",
            "Please summarise the discussion below and list the open questions for Thursday's meeting with finance.",
            "Customer feedback was mostly positive, though several people asked for better export options in the app.",
        ];
        string[] values =
        [
            "Contact Jane at jane.doe@example.com or +1 415-555-0132 if anything is unclear.",
            "The refund goes to card 4111 1111 1111 1111, and the transfer to IBAN GB82 WEST 1234 5698 7654 32.",
            "The old server at 10.20.30.40 still answers; its deploy key was AKIA2OGYBAH6T4QZ7XWN until last week.",
        ];
        var text = new StringBuilder();
        for (var i = 0; text.Length < bytes; i++)
        {
            text.Append(filler[i % filler.Length]).Append(' ');
            if (i % 6 == 5)
            {
                text.Append(values[i / 6 % values.Length]).Append(' ');
            }
        }

        return text.ToString(0, bytes);
    }
}
