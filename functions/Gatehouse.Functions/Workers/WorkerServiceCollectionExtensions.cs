using Gatehouse.Audit;
using Gatehouse.Messaging;

namespace Gatehouse.Workers;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>Registers every queue-triggered function; each must have a matching FunctionDefinitions/{name}/function.json.</summary>
    public static IServiceCollection AddGatehouseWorkers(this IServiceCollection services)
    {
        services.AddQueueFunction<AuditMessage, AuditLogWriterFunction>(FunctionNames.AuditLogWriter, QueueNames.AuditEvents);
        services.AddQueueFunction<UsageMessage, CostRollupFunction>(FunctionNames.CostRollup, QueueNames.UsageEvents);
        services.AddQueueFunction<AlertMessage, AlertFunction>(FunctionNames.Alerts, QueueNames.Alerts);
        return services;
    }

    private static void AddQueueFunction<TMessage, THandler>(this IServiceCollection services, string functionName, string queueName)
        where THandler : class, IQueueMessageHandler<TMessage>
    {
        services.AddSingleton<THandler>();
        services.AddSingleton(QueueFunction.Create<TMessage, THandler>(functionName, queueName));
    }
}
