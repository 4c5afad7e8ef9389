using System.Diagnostics;
using System.Text;
using Gatehouse.Configuration;
using Gatehouse.Providers;
using Gatehouse.Tokens;
using Microsoft.Extensions.Options;

namespace Gatehouse.Benchmarks.Metering;

/// <summary>
/// What metering adds to a request, without the web server: counting a streamed chunk's text (done for every chunk
/// of every stream, for when the provider reports no usage), and pricing a request (price lookup and cost).
/// </summary>
public static class MeteringBenchmark
{
    private const int Chunks = 2_000_000;
    private const int Requests = 2_000_000;

    public static Task RunAsync(TextWriter output)
    {
        var chunks = Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes(
            "{\"id\":\"chatcmpl-9x\",\"object\":\"chat.completion.chunk\",\"created\":1732406400,\"model\":\"gpt-4o-mini-2024-07-18\"," +
            $"\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\" word{i}\"}},\"logprobs\":null,\"finish_reason\":null}}]}}")).ToArray();
        var counter = new StreamedTokenCounter("gpt-4o-mini-2024-07-18");
        counter.Add(chunks[0]); // loads the vocabulary

        var (chunkNs, chunkBytes) = Measure(Chunks, i => counter.Add(chunks[i & 63]));

        var prices = new PriceBook(Options.Create(new GatehouseOptions()));
        var usage = new TokenUsage(1_234, 567, 1_801) { CachedPromptTokens = 100 };
        var (priceNs, priceBytes) = Measure(Requests, _ => CostCalculator.Cost(prices.Find("gpt-4o-mini-2024-07-18")!, usage));

        output.WriteLine("| metering, one thread | ns per call | bytes allocated per call |");
        output.WriteLine("|---|---:|---:|");
        output.WriteLine($"| count one streamed chunk's text (`StreamedTokenCounter.Add`, ~230-byte chunk) | {chunkNs:0} | {chunkBytes:0.#} |");
        output.WriteLine($"| price one request (`PriceBook.Find` + `CostCalculator.Cost`) | {priceNs:0} | {priceBytes:0.#} |");
        return Task.CompletedTask;
    }

    private static (double Nanoseconds, double Bytes) Measure(int calls, Action<int> call)
    {
        for (var i = 0; i < calls / 10; i++)
        {
            call(i); // warm-up: tiered JIT
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            call(i);
        }

        return (timer.Elapsed.TotalNanoseconds / calls, (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / calls);
    }
}
