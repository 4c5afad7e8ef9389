using System.Runtime.InteropServices;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles;

/// <summary>The standalone demo provider: <c>Gatehouse.TestDoubles openai [--port N] [--api-key KEY]</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"] or ["openai", "--help"] or ["openai", "-h"])
        {
            await Console.Out.WriteLineAsync(StandaloneCommandLine.Usage);
            return 0;
        }
        if (!StandaloneCommandLine.TryParse(args, Environment.GetEnvironmentVariable, out var commandLine, out var error))
        {
            await Console.Error.WriteLineAsync($"error: {error}");
            await Console.Error.WriteLineAsync(StandaloneCommandLine.Usage);
            return 2;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true; // stop cleanly below instead of being killed mid-response
            stop.TrySetResult();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        await using var server = await FakeOpenAIServer.StartAsync(commandLine.Options, commandLine.Port);
        await Console.Out.WriteLineAsync($"fake-openai listening on {server.BaseUrl}");
        await Console.Out.FlushAsync();
        await stop.Task;
        return 0;
    }
}
