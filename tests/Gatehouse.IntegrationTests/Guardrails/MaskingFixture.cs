using System.Net.Http.Headers;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.TestDoubles.OpenAI;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.IntegrationTests.Guardrails;

/// <summary>
/// A gateway with guardrail policies on the real PII detector's EMAIL findings, in front of a provider double
/// that splits streamed answers into one word per chunk. The double echoes the last user message, so what the client
/// gets back shows what the provider saw. Aliases: <c>masked</c> (EMAIL mask, both directions: masked going up,
/// redacted if the model writes a new one), <c>redacted</c> (EMAIL redact, input only), <c>output-redacted</c> (EMAIL
/// redact, output only), <c>output-blocked</c> (DENY_TERM block, output only), <c>mask-fallback</c> (EMAIL mask and
/// DENY_TERM fallback to <c>strict</c>).
/// </summary>
public sealed class MaskingFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _guarded;

    public FakeOpenAIServer Provider { get; private set; } = null!;

    /// <summary>The gateway without the policies, for the admin API.</summary>
    public GatewayApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await FakeOpenAIServer.StartAsync(new FakeOpenAIOptions { StreamChunks = 40 });
        var models = new Dictionary<string, string?>
        {
            ["Gatehouse:Guardrails:DenyList:Terms:0"] = "jailbreak",
            ["Gatehouse:Routing:Retry:MaxRetryAttempts"] = "0",
        };
        foreach (var (alias, model) in new[] { ("masked", "gpt-4o-mini"), ("redacted", "gpt-4o-mini"), ("output-redacted", "gpt-4o-mini"), ("output-blocked", "gpt-4o-mini"), ("mask-fallback", "gpt-4o-mini"), ("strict", "strict-model") })
        {
            models[$"Gatehouse:Models:{alias}:Deployments:0:Provider"] = "fake";
            models[$"Gatehouse:Models:{alias}:Deployments:0:Model"] = model;
        }

        App = new GatewayApp(Provider.BaseUrl, models);
        var policies = new Dictionary<string, string?>
        {
            ["Gatehouse:Guardrails:Policies:masked:Rules:0:Type"] = "EMAIL",
            ["Gatehouse:Guardrails:Policies:masked:Rules:0:Action"] = "mask",
            ["Gatehouse:Guardrails:Policies:text-embedding-3-small:Rules:0:Type"] = "EMAIL",
            ["Gatehouse:Guardrails:Policies:text-embedding-3-small:Rules:0:Action"] = "mask",
            ["Gatehouse:Guardrails:Policies:redacted:Rules:0:Type"] = "EMAIL",
            ["Gatehouse:Guardrails:Policies:redacted:Rules:0:Action"] = "redact",
            ["Gatehouse:Guardrails:Policies:redacted:Rules:0:Direction"] = "input",
            ["Gatehouse:Guardrails:Policies:output-redacted:Rules:0:Type"] = "EMAIL",
            ["Gatehouse:Guardrails:Policies:output-redacted:Rules:0:Action"] = "redact",
            ["Gatehouse:Guardrails:Policies:output-redacted:Rules:0:Direction"] = "output",
            ["Gatehouse:Guardrails:Policies:output-blocked:Rules:0:Type"] = "DENY_TERM",
            ["Gatehouse:Guardrails:Policies:output-blocked:Rules:0:Action"] = "block",
            ["Gatehouse:Guardrails:Policies:output-blocked:Rules:0:Direction"] = "output",
            ["Gatehouse:Guardrails:Policies:mask-fallback:Rules:0:Type"] = "EMAIL",
            ["Gatehouse:Guardrails:Policies:mask-fallback:Rules:0:Action"] = "mask",
            ["Gatehouse:Guardrails:Policies:mask-fallback:Rules:1:Type"] = "DENY_TERM",
            ["Gatehouse:Guardrails:Policies:mask-fallback:Rules:1:Action"] = "fallback",
            ["Gatehouse:Guardrails:Policies:mask-fallback:Rules:1:FallbackModel"] = "strict",
            ["Gatehouse:Guardrails:Policies:mask-fallback:Rules:1:Direction"] = "input",
        };
        _guarded = App.WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(policies));
        });
    }

    /// <summary>A client of the gateway with the policies above.</summary>
    public HttpClient Client(string bearer)
    {
        var client = _guarded!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_guarded is not null)
        {
            await _guarded.DisposeAsync();
        }

        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
