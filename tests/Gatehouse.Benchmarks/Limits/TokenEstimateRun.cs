using System.Diagnostics;
using System.Text.Json.Nodes;
using Gatehouse.Providers;
using Gatehouse.Tokens;

namespace Gatehouse.Benchmarks.Limits;

/// <summary>
/// What a token limit adds per request: counting the prompt of a chat body with <see cref="TokenEstimator"/>
/// (only done when a <c>tpm</c> limit applies). Also how long the vocabulary takes to load the first time.
/// </summary>
public static class TokenEstimateRun
{
    public static (double LoadMs, List<(int Tokens, double MicrosecondsPerCall)> Sizes) Run()
    {
        var load = Stopwatch.StartNew();
        TokenEstimator.Count("warm");
        var loadMs = load.Elapsed.TotalMilliseconds;

        var sizes = new List<(int, double)>();
        foreach (var sentences in (int[])[10, 100, 400])
        {
            var text = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog, again and again. ", sentences));
            var body = new JsonObject
            {
                ["model"] = "gpt-4o-mini",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "You are terse." }, new JsonObject { ["role"] = "user", ["content"] = text }),
            };
            var tokens = TokenEstimator.CountPrompt(ProviderOperation.ChatCompletions, body, "gpt-4o-mini");
            var calls = Math.Max(200, 2_000_000 / tokens);
            var timer = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                TokenEstimator.CountPrompt(ProviderOperation.ChatCompletions, body, "gpt-4o-mini");
            }

            sizes.Add((tokens, timer.Elapsed.TotalMicroseconds / calls));
        }

        return (loadMs, sizes);
    }
}
