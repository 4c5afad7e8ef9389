namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>
/// Tests that take a shared table away to prove a failure policy run one at a time and beside nothing else: another
/// test's start-up would recreate the table (ending the outage early), and other tests must not see the outage as
/// theirs. The accuracy measurement across instances runs here too, on an otherwise idle machine, and so do tests that
/// read a worker queue's messages as sent (every other test's gateway runs the workers that would take them).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StorageOutage
{
    public const string Name = "StorageOutage";
}
