namespace Gatehouse.Providers;

public enum ProviderOperation
{
    ChatCompletions,
    Embeddings,
}
