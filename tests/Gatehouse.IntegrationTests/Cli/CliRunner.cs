using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Cli;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Cli;

/// <summary>
/// The CLI run in-process against a test gateway, as a shell would run it: arguments in, exit code and both streams
/// out. Also reads what people read off its output (ids, the secret) and tries a secret on <c>/v1/models</c>.
/// </summary>
internal sealed partial class CliRunner(GatewayApp app)
{
    public Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunAsAsync(GatewayApp.AdminKey, args);

    public async Task<(int Exit, string Out, string Err)> RunAsAsync(string credential, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--url", app.BaseUrl.ToString(), "--admin-key", credential], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A fresh tenant, created through the CLI.</summary>
    public async Task<string> CreateTenantAsync()
    {
        var tenant = AdminApi.NewTenantId();
        Assert.Equal(0, (await RunAsync("tenants", "create", "--id", tenant, "--name", "CLI tenant")).Exit);
        return tenant;
    }

    public async Task<HttpStatusCode> ModelsStatusAsync(string secret)
    {
        using var client = app.CreateClient(secret);
        using var response = await client.GetAsync("/v1/models");
        return response.StatusCode;
    }

    public static string Secret(string output) => SecretPattern().Match(output).Value;

    public static string KeyId(string output) => KeyIdPattern().Match(output).Value;

    public static string RequestId(string output) => RequestIdPattern().Match(output).Value;

    [GeneratedRegex("gh_[A-Za-z0-9_-]{43,}")]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"\bkey_[a-z2-7]{20}\b")]
    private static partial Regex KeyIdPattern();

    [GeneratedRegex(@"\bkreq_[a-z2-7]{20}\b")]
    private static partial Regex RequestIdPattern();
}
