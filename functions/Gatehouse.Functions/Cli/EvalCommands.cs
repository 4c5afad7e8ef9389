using System.Diagnostics;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Cli;

/// <summary>
/// <c>gatehouse eval pii --data FILE [--json]</c>: runs the PII detector over a labelled JSON Lines file (the format of
/// shared/data/pii_spans.jsonl) and prints how well it did (<see cref="PiiEvalScore"/>, <see cref="PiiEvalReport"/>).
/// Local only: no storage, no gateway, no credential. Exit codes: 0 done, 2 wrong command line or unreadable file.
/// </summary>
internal static class EvalCommands
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var console = new CliConsole(output, error, args.Json, "eval");
        var target = args.Positional.ElementAtOrDefault(1);
        if (target != "pii")
        {
            return await console.UsageErrorAsync(target is null ? "eval needs a detector: pii." : $"unknown detector '{target}'; known: pii.");
        }

        if (args.Positional.Count > 2 || args.FirstUnknown("--data") is not null || args.Option("--url") is not null || args.Option("--admin-key") is not null)
        {
            return await console.UsageErrorAsync($"'eval pii' takes --data FILE and --json only.");
        }

        if (args.Option("--data") is not { Length: > 0 } path)
        {
            return await console.UsageErrorAsync("--data FILE is required: a JSON Lines file of texts and labelled spans.");
        }

        var (records, problem) = await PiiEvalReader.ReadAsync(path, cancellationToken);
        if (records is null)
        {
            await error.WriteLineAsync($"error: {problem}");
            return 2;
        }

        var (score, elapsed) = await ScoreAsync(records, cancellationToken);
        await (args.Json ? PiiEvalReport.WriteJsonAsync(output, score) : PiiEvalReport.WriteTableAsync(output, path, score, elapsed));
        return 0;
    }

    private static async Task<(PiiEvalScore Score, TimeSpan Elapsed)> ScoreAsync(IReadOnlyList<PiiEvalRecord> records, CancellationToken cancellationToken)
    {
        var detector = new PiiDetector();
        var score = new PiiEvalScore();
        var elapsed = TimeSpan.Zero;
        foreach (var record in records)
        {
            var input = new GuardrailInput(GuardrailDirection.Input, [new GuardrailSegment(0, null, "user", record.Text)]);
            var started = Stopwatch.GetTimestamp();
            var findings = await detector.InspectAsync(input, cancellationToken);
            elapsed += Stopwatch.GetElapsedTime(started);
            score.Add(record.Spans, [.. findings.Select(f => new PiiEvalSpan(f.Start, f.Start + f.Length, f.Type))]);
        }

        return (score, elapsed);
    }
}
