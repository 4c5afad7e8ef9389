using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Gatehouse.Audit;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.IntegrationTests.Messaging;

/// <summary>An audit event too large for a queue message travels through an overflow blob and still reaches the AuditLog table.</summary>
public sealed class AuditOverflowTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task TryPublish_EventWithA100KBBody_ReachesTheAuditLogThroughAnOverflowBlob()
    {
        var publisher = gateway.App.Services.GetRequiredService<AuditPublisher>();
        var tenant = AdminApi.NewTenantId();
        var requestId = $"overflow-{Guid.NewGuid():N}";
        var auditEvent = new AuditEvent
        {
            RequestId = requestId,
            Time = TimeProvider.System.GetUtcNow(),
            Route = "POST /v1/chat/completions",
            Tenant = tenant,
            Status = 200,
            Body = new AuditBody
            {
                Mode = "full",
                KeyId = "test-key",
                Nonce = Convert.ToBase64String(new byte[12]),
                Ciphertext = Convert.ToBase64String(new byte[75_000]), // 100 KB of base64
                Tag = Convert.ToBase64String(new byte[16]),
            },
        };

        Assert.True(publisher.TryPublish(auditEvent));

        var row = await AuditRows.WaitForAsync(tenant, requestId, TimeSpan.FromSeconds(60));
        Assert.Equal(200, row.GetInt32("Status"));
        var day = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var container = gateway.App.Services.GetRequiredService<StorageClients>().Container(BlobContainerNames.QueueOverflow);
        var found = false;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{QueueNames.AuditEvents}/{day}/", CancellationToken.None))
        {
            var text = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            if (text.Contains(requestId, StringComparison.Ordinal))
            {
                var stored = JsonSerializer.Deserialize<AuditMessage>(text, MessageJson.Options)!;
                Assert.Equal($"{QueueNames.AuditEvents}/{day}/{stored.Id}.json", blob.Name);
                Assert.Equal(auditEvent.Body, Assert.Single(stored.Events!).Body);
                found = true;
            }
        }

        Assert.True(found, "no overflow blob holds the event");
    }
}
