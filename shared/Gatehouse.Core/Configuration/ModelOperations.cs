namespace Gatehouse.Configuration;

/// <summary>The operations a model alias can serve, as named in config.</summary>
public static class ModelOperations
{
    public const string Chat = "chat";
    public const string Embeddings = "embeddings";
}
