namespace Gatehouse.Alerts;

/// <summary>A configured webhook with its URL resolved. <see cref="ToString"/> is the name: the URL must never reach a log.</summary>
public sealed record WebhookTarget(string Name, Uri Url, WebhookFormat Format, IReadOnlySet<string> Kinds)
{
    /// <summary>No kinds configured means every kind.</summary>
    public bool Takes(string kind) => Kinds.Count == 0 || Kinds.Contains(kind);

    public override string ToString() => Name;
}
