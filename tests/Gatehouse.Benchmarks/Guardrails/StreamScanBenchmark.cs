using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Configuration;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors;
using Gatehouse.Guardrails.Redaction;
using Gatehouse.Guardrails.Streaming;
using Gatehouse.Providers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gatehouse.Benchmarks.Guardrails;

/// <summary>
/// What the streaming output scanner adds per chunk, without the web server: parsing the chunk, the deny-list detector
/// over the held look-behind and the new text, releasing, restoring placeholders and re-serialising, for OpenAI-shaped
/// chunks of 4 to 20 characters of text (a token is about 4). Against it, the fast path adds nothing: a stream with no
/// output rules and nothing masked is relayed byte for byte. Each stream of 512 chunks gets a new scanner, as a request
/// does; one in eight chunks carries a placeholder to restore.
/// </summary>
public static class StreamScanBenchmark
{
    private const int ChunksPerStream = 512;
    private const int Streams = 200;

    private static readonly string[] Words =
        "the quick brown fox jumps over a lazy dog while rain falls on green hills and old trees near the river bank".Split(' ');

    public static async Task RunAsync(TextWriter output)
    {
        var terms = Enumerable.Range(0, 50).Select(i => $"forbidden phrase {i}").Append("jailbreak").ToList();
        var detector = new DenyListDetector(new DenyListOptions { Terms = terms }, TimeSpan.FromMilliseconds(200));
        var options = new GatehouseOptions
        {
            Guardrails = new GuardrailOptions
            {
                Policies = new(StringComparer.Ordinal)
                {
                    ["chat"] = new() { Rules = [new() { Type = GuardrailFindingTypes.DenyTerm, Action = "block", Direction = "output" }] },
                },
            },
        };
        var pipeline = new GuardrailPipeline([detector], Options.Create(options), TimeProvider.System, NullLogger<GuardrailPipeline>.Instance);
        var policy = pipeline.PolicyFor("chat")!;

        int[] sizes = [4, 8, 12, 20];
        var cases = new List<(string Name, int Size, byte[][] Chunks, Func<StreamingGuardrailScanner> Scanner)>();
        foreach (var size in sizes)
        {
            var chunks = Chunks(size);
            cases.Add(("restore placeholders only (mask vault, no output rules)", size, chunks, () => new StreamingGuardrailScanner(pipeline, null, Vault(), 64)));
            cases.Add(("deny-list output rule (51 terms, look-behind 64) + mask vault", size, chunks, () => new StreamingGuardrailScanner(pipeline, policy, Vault(), 64)));
        }

        foreach (var (_, _, chunks, scanner) in cases)
        {
            await RunStreamsAsync(chunks, scanner, Streams); // warm-up, all cases first: tiered JIT settles
        }

        output.WriteLine($"| stream scanner, one thread, {ChunksPerStream}-chunk streams (median of 3) | chunk text | µs per chunk | bytes allocated per chunk |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, size, chunks, scanner) in cases)
        {
            var runs = new List<(double Microseconds, double Bytes)>();
            for (var run = 0; run < 3; run++)
            {
                runs.Add(await MeasureAsync(chunks, scanner));
            }

            var (microseconds, bytes) = runs.OrderBy(r => r.Microseconds).ElementAt(1);
            output.WriteLine($"| {name} | {size} chars | {microseconds:0.00} | {bytes:0} |");
        }
    }

    /// <summary>A vault with three masked e-mail addresses, as a prompt that named three people would leave.</summary>
    private static RedactionVault Vault()
    {
        var vault = new RedactionVault("");
        vault.Mask("EMAIL", "ann@example.com");
        vault.Mask("EMAIL", "bob@example.org");
        vault.Mask("EMAIL", "cy@example.net");
        return vault;
    }

    /// <summary>The data of OpenAI content chunks carrying about <paramref name="size"/> characters each.</summary>
    private static byte[][] Chunks(int size)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < ChunksPerStream * size; i++)
        {
            text.Append(i % 24 == 23 ? "[EMAIL_2] " : Words[i % Words.Length] + " ");
        }

        var all = text.ToString();
        var chunks = new byte[ChunksPerStream][];
        for (var i = 0; i < ChunksPerStream; i++)
        {
            var piece = JsonValue.Create(all.Substring(i * size, size)).ToJsonString();
            chunks[i] = Encoding.UTF8.GetBytes(
                "{\"id\":\"chatcmpl-9x\",\"object\":\"chat.completion.chunk\",\"created\":1732406400,\"model\":\"gpt-4o-mini-2024-07-18\"," +
                $"\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{piece}}},\"logprobs\":null,\"finish_reason\":null}}]}}");
        }

        return chunks;
    }

    private static async Task<(double Microseconds, double Bytes)> MeasureAsync(byte[][] chunks, Func<StreamingGuardrailScanner> scanner)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var timer = Stopwatch.StartNew();
        var relayed = await RunStreamsAsync(chunks, scanner, Streams);
        var elapsed = timer.Elapsed;
        var perChunk = (double)Streams * chunks.Length;
        if (relayed == 0)
        {
            throw new InvalidOperationException("the scanner relayed nothing; the benchmark is broken");
        }

        return (elapsed.TotalMicroseconds / perChunk, (GC.GetAllocatedBytesForCurrentThread() - allocated) / perChunk);
    }

    private static async Task<long> RunStreamsAsync(byte[][] chunks, Func<StreamingGuardrailScanner> create, int streams)
    {
        long relayed = 0;
        for (var s = 0; s < streams; s++)
        {
            var scanner = create();
            foreach (var data in chunks)
            {
                var step = await scanner.ScanAsync(new ChatStreamChunk(data), CancellationToken.None);
                if (step.Blocked is not null)
                {
                    throw new InvalidOperationException("the benchmark's text must not be blocked");
                }

                relayed += step.Chunks.Count;
            }

            relayed += (await scanner.FinishAsync(CancellationToken.None)).Chunks.Count;
        }

        return relayed;
    }
}
