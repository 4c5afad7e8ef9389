using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles;

/// <summary>
/// <c>Gatehouse.TestDoubles openai [--port N] [--api-key KEY]</c>, plus FAKE_OPENAI_* variables.
/// Standalone defaults stream slowly (20 chunks, 50 ms apart) so a person can watch the text arrive.
/// </summary>
internal sealed record StandaloneCommandLine(int Port, FakeOpenAIOptions Options)
{
    public const int DefaultPort = 18081;

    public const string Usage = """
        usage: Gatehouse.TestDoubles openai [--port N] [--api-key KEY]

        Runs a fake OpenAI API on http://127.0.0.1:<port>/v1 until Ctrl-C.
          --port N       port on 127.0.0.1 (default 18081; 0 picks a free one)
          --api-key KEY  require "Authorization: Bearer KEY" (or set FAKE_OPENAI_API_KEY)

        Environment:
          FAKE_OPENAI_STREAM_CHUNKS    content chunks per streamed answer (default 20)
          FAKE_OPENAI_CHUNK_DELAY_MS   pause before each chunk in ms (default 50)
          FAKE_OPENAI_API_KEY          same as --api-key (keeps the key out of the process list)

        The model name picks a scenario: fail-<status> (e.g. fail-429), hold-stream, abort-stream, slow,
        long-<N> (an answer of exactly N words, streamed one word per chunk). Answers honour max_tokens and
        max_completion_tokens (one token per word; finish_reason "length" when cut).
        """;

    public static bool TryParse(
        IReadOnlyList<string> args, Func<string, string?> environment,
        [NotNullWhen(true)] out StandaloneCommandLine? commandLine, [NotNullWhen(false)] out string? error)
    {
        commandLine = null;
        if (args.Count == 0 || args[0] != "openai")
        {
            error = args.Count == 0 ? "missing command" : $"unknown command '{args[0]}'";
            return false;
        }

        var port = DefaultPort;
        var apiKey = environment("FAKE_OPENAI_API_KEY");
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : null;
            if (name == "--port" && value is not null && TryParseInt(value, 0, 65535, out var parsedPort))
            {
                port = parsedPort;
            }
            else if (name == "--api-key" && !string.IsNullOrEmpty(value))
            {
                apiKey = value;
            }
            else
            {
                error = $"unknown or incomplete argument '{name}'";
                return false;
            }
        }

        var chunks = 20;
        var delayMs = 50;
        if (environment("FAKE_OPENAI_STREAM_CHUNKS") is { } chunksText && !TryParseInt(chunksText, 1, 100_000, out chunks))
        {
            error = "FAKE_OPENAI_STREAM_CHUNKS must be an integer from 1 to 100000";
            return false;
        }
        if (environment("FAKE_OPENAI_CHUNK_DELAY_MS") is { } delayText && !TryParseInt(delayText, 0, 60_000, out delayMs))
        {
            error = "FAKE_OPENAI_CHUNK_DELAY_MS must be an integer from 0 to 60000";
            return false;
        }

        commandLine = new StandaloneCommandLine(port, new FakeOpenAIOptions
        {
            StreamChunks = chunks,
            ChunkDelay = TimeSpan.FromMilliseconds(delayMs),
            RequiredApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey,
        });
        error = null;
        return true;
    }

    private static bool TryParseInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
