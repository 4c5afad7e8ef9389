using System.Diagnostics;
using System.Text;
using Gatehouse.Benchmarks.Infrastructure;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors;
using Gatehouse.Guardrails.Detectors.Pii;
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

    /// <summary>
    /// Long enough for the tiered JIT to finish: it promotes hot methods after a quiet spell measured in time, not in
    /// calls, so a count-based warm-up of a fast method can end before its optimised code is in.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

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

        // All of them first, so no detector is measured while another's code is still being optimised.
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < WarmUp * 3)
        {
            await RunOnceAsync(detectors, input);
        }

        output.WriteLine($"| detectors over a {Encoding.UTF8.GetByteCount(prompt):N0}-byte prompt, one thread | findings | p50 µs | p90 µs | p99 µs | bytes allocated per run |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var detector in detectors)
        {
            await WriteAsync(output, detector.Name, [detector], input);
        }

        await WriteAsync(output, $"all together ({string.Join(", ", detectors.Select(d => d.Name))})", detectors, input);

        output.WriteLine();
        output.WriteLine("| pii recognizer, same prompt | p50 µs | bytes allocated per run |");
        output.WriteLine("|---|---:|---:|");
        // Each recognizer sees the matches of those before it, as in the detector (the phone recognizer skips the
        // digits that higher-scoring types have claimed), and the text's words split once, as the detector shares them.
        var folded = UnicodeFolding.Fold(prompt).Text;
        var (splitP50, splitBytes) = Measure(() => new PiiWords(folded).Dispose());
        output.WriteLine($"| (the split into words, shared by the word recognizers) | {splitP50:0.0} | {splitBytes:N0} |");
        using var text = new PiiText(folded);
        _ = text.Words;
        var matches = new List<PiiMatch>();
        foreach (var recognizer in PiiDetector.Recognizers)
        {
            var before = matches.Count;
            var (p50, bytes) = Measure(() =>
            {
                matches.RemoveRange(before, matches.Count - before);
                recognizer.Recognize(text, matches);
            });
            output.WriteLine($"| {recognizer.GetType().Name} | {p50:0.0} | {bytes:N0} |");
        }
    }

    /// <summary>One recognizer at a time, so the detector's cost can be read per entity type.</summary>
    private static (double P50, double Bytes) Measure(Action run)
    {
        const int runs = Runs / 4;
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < WarmUp)
        {
            run();
        }

        var samples = new double[runs];
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            run();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        var bytes = (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / runs;
        Array.Sort(samples);
        return (samples[runs / 2], bytes);
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
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < WarmUp)
        {
            await RunOnceAsync(detectors, input);
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
