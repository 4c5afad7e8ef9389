using Microsoft.Extensions.Hosting;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Runs the PII detector once in the background at start: libphonenumber's metadata, the word lists and the regexes
/// load on first use (a few hundred milliseconds), which would otherwise land on the first guarded request and could
/// push it past the detector time budget (a failed detector blocks). Start-up itself does not wait.
/// </summary>
public sealed class PiiWarmUp : IHostedService
{
    private const string Sample =
        "Mr. John Smith (DOB: 04/12/1985, SSN 536-32-3065, MRN 12345678, driver's license D1234567) of Acme Inc. in Boston, "
        + "an American aged 42, at 221B Baker Street, ZIP: 94105, phone (650) 253-0000, mail john@example.com, card "
        + "4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, host 10.0.0.1, https://example.com, Monday 9:15.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(async () =>
        {
            var input = new GuardrailInput(GuardrailDirection.Input, [new GuardrailSegment(0, null, "user", Sample)]);
            await new PiiDetector().InspectAsync(input, CancellationToken.None);
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
