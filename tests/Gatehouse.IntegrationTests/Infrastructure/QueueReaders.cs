namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>
/// Tests that read a worker queue's raw messages (<c>usage-events</c>, <c>alerts</c>) run one at a time and beside
/// nothing else: every other test's gateway polls those queues and would take the messages first. Their own gateways
/// must not poll either (<c>Gatehouse:Workers:PollQueues=false</c>).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QueueReaders
{
    public const string Name = "QueueReaders";
}
