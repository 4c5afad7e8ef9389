using Azure.Data.Tables;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Rules;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Guardrails;

/// <summary>
/// Custom rules while their table is unreachable: the last rules loaded keep applying; a tenant whose rules were never
/// loaded fails the detector (the pipeline blocks: fail closed) until storage is back.
/// </summary>
[Collection(StorageOutage.Name)]
public sealed class CustomRuleOutageTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private CoreServices _services = null!;

    private static TableClient Rules => new(TestStorage.ConnectionString, TableNames.GuardrailRules);

    private CustomRuleDetector Detector => _services.Get<IEnumerable<IGuardrailDetector>>().OfType<CustomRuleDetector>().Single();

    public async Task InitializeAsync() => _services = await CoreServices.StartAsync(_time);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static GuardrailInput Input(string tenant) => new(GuardrailDirection.Input, [new GuardrailSegment(0, null, "user", "the falcon")]) { Tenant = tenant };

    [Fact]
    public async Task StorageFailing_KeepsTheLastRules_AndFailsClosedForATenantNeverLoaded()
    {
        var loaded = AdminApi.NewTenantId();
        var never = AdminApi.NewTenantId();
        await _services.Get<CustomRuleStore>().PutAsync(loaded, new CustomRule("birds", "deny_list", null, ["falcon"], "both", "block", null), 100, 250_000, "test", CancellationToken.None);
        Assert.Single(await Detector.InspectAsync(Input(loaded), CancellationToken.None));

        await Rules.DeleteAsync();
        try
        {
            // Past the TTL the next request reads again, and is answered with the last rules while the read is under way.
            _time.Advance(TimeSpan.FromSeconds(31));
            Assert.Equal(GuardrailAction.Block, Assert.Single(await Detector.InspectAsync(Input(loaded), CancellationToken.None)).Action);

            // Once the read has failed, the last rules still apply.
            await _services.Get<CustomRuleCache>().ReloadAsync(loaded);
            Assert.Single(await Detector.InspectAsync(Input(loaded), CancellationToken.None));

            await Assert.ThrowsAsync<InvalidOperationException>(async () => await Detector.InspectAsync(Input(never), CancellationToken.None));
        }
        finally
        {
            await Rules.CreateIfNotExistsAsync();
        }

        // Storage is back: the tenant never loaded is read on its next request (its failure was not kept).
        Assert.Empty(await Detector.InspectAsync(Input(never), CancellationToken.None));
    }
}
