using Microsoft.Extensions.Hosting;

namespace Gatehouse.Tokens;

/// <summary>
/// Loads both tokenizers' vocabularies (about half a second each) in the background at start, so that the first
/// request under a token limit does not pay for it. Start-up itself does not wait.
/// </summary>
public sealed class TokenizerWarmUp : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() =>
        {
            TokenEncoding.O200kBase.Load();
            TokenEncoding.Cl100kBase.Load();
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
