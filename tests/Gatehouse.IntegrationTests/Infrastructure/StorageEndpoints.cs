namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>Variants of the test storage connection string.</summary>
public static class StorageEndpoints
{
    /// <summary>Tables and blobs on the test Azurite, the queue service on a port that refuses every connection.</summary>
    /// <param name="account">The storage account the queue URL names (path-style, as the emulator's).</param>
    public static string WithRefusedQueues(string account = "devstoreaccount1")
    {
        var parts = TestStorage.ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var queue = parts.FindIndex(p => p.StartsWith("QueueEndpoint=", StringComparison.OrdinalIgnoreCase));
        Assert.True(queue >= 0, "the test connection string names no QueueEndpoint");
        parts[queue] = $"QueueEndpoint=http://127.0.0.1:{RefusingPort.Reserve()}/{account}";
        return string.Join(';', parts) + ";";
    }
}
